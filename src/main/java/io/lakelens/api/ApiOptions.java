package io.lakelens.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the API server listens and what it lets through.
 *
 * @param bind          address to listen on; a loopback address unless {@code allowRemote}
 * @param port          TCP port; 0 picks a free one
 * @param allowRemote   whether a non-loopback {@code bind} is allowed
 * @param corsOrigins   browser origins allowed to call the API (exact {@code scheme://host:port}); none by default
 * @param maxBodyBytes  largest request body accepted, in bytes (larger: 413)
 * @param maxConcurrent requests served at once; others wait up to {@code queueWait}, then get 503
 * @param queueWait     how long a request waits for a free slot
 * @param home          LakeLens's folder: the token file {@code api-token} and {@code logs/api.log} live there
 * @param token         a token to use instead of the file under {@code home} (kept in memory only)
 */
public record ApiOptions(String bind, int port, boolean allowRemote, List<String> corsOrigins, int maxBodyBytes,
                         int maxConcurrent, Duration queueWait, Path home, Optional<ApiToken> token) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final int DEFAULT_MAX_BODY = 64 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT = 8;

    public ApiOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port);
        }
        if (maxBodyBytes < 1 || maxConcurrent < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        corsOrigins = List.copyOf(corsOrigins);
    }

    /** Loopback on 8081, no CORS, 64 KiB bodies, 8 requests at once (30 s wait), token under {@link ApiToken#defaultHome()}. */
    public static ApiOptions defaults() {
        return new ApiOptions(DEFAULT_BIND, DEFAULT_PORT, false, List.of(), DEFAULT_MAX_BODY, DEFAULT_MAX_CONCURRENT,
                Duration.ofSeconds(30), ApiToken.defaultHome(), Optional.empty());
    }

    public ApiOptions withBind(String b, boolean remote) {
        return new ApiOptions(b, port, remote, corsOrigins, maxBodyBytes, maxConcurrent, queueWait, home, token);
    }

    public ApiOptions withPort(int p) {
        return new ApiOptions(bind, p, allowRemote, corsOrigins, maxBodyBytes, maxConcurrent, queueWait, home, token);
    }

    public ApiOptions withCorsOrigins(List<String> origins) {
        return new ApiOptions(bind, port, allowRemote, origins, maxBodyBytes, maxConcurrent, queueWait, home, token);
    }

    public ApiOptions withLimits(int bodyBytes, int concurrent, Duration wait) {
        return new ApiOptions(bind, port, allowRemote, corsOrigins, bodyBytes, concurrent, wait, home, token);
    }

    public ApiOptions withHome(Path h) {
        return new ApiOptions(bind, port, allowRemote, corsOrigins, maxBodyBytes, maxConcurrent, queueWait, h, token);
    }

    public ApiOptions withToken(ApiToken t) {
        return new ApiOptions(bind, port, allowRemote, corsOrigins, maxBodyBytes, maxConcurrent, queueWait, home, Optional.of(t));
    }
}
