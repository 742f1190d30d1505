package io.lakelens.lake.s3;

import io.lakelens.LakeLensException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How LakeLens reaches an S3-compatible store: the endpoint ({@code --s3-endpoint}, else
 * {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}; none means AWS itself), the region
 * ({@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, else {@code us-east-1}) and path-style
 * addressing (on for any explicit endpoint, as S3-compatible servers expect). Credentials are
 * never part of it: they come from the AWS SDK's own sources, see {@link #CREDENTIAL_PROVIDERS}.
 *
 * @param endpoint  the store's URL ({@code http://127.0.0.1:9000}), or empty for AWS
 * @param region    the signing region
 * @param pathStyle whether buckets are addressed as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 */
public record S3Settings(Optional<URI> endpoint, String region, boolean pathStyle) {
    /**
     * The credential sources, in order: the {@code aws.accessKeyId}/{@code aws.secretAccessKey}
     * JVM properties, the {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (and
     * {@code AWS_SESSION_TOKEN}) variables, then the shared profile ({@code AWS_PROFILE},
     * {@code ~/.aws/credentials}). Instance and container metadata services are left out: they
     * would be asked over the network on a machine that has none, and stall every start.
     */
    public static final String CREDENTIAL_PROVIDERS = String.join(",",
            "software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
            "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider");

    public S3Settings {
        endpoint.ifPresent(S3Settings::checkEndpoint);
    }

    public static S3Settings fromEnvironment(Map<String, String> env, String endpointOption) {
        Optional<String> ep = Optional.ofNullable(endpointOption).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL_S3")).filter(s -> !s.isBlank()))
                .or(() -> Optional.ofNullable(env.get("AWS_ENDPOINT_URL")).filter(s -> !s.isBlank()));
        String region = Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")).filter(s -> !s.isBlank()))
                .orElse("us-east-1");
        Optional<URI> uri = ep.map(String::strip).map(S3Settings::parseEndpoint);
        return new S3Settings(uri, region.strip(), uri.isPresent());
    }

    private static URI parseEndpoint(String text) {
        try {
            URI u = URI.create(text.contains("://") ? text : "https://" + text);
            checkEndpoint(u);
            return u;
        } catch (IllegalArgumentException e) {
            throw new LakeLensException("--s3-endpoint '" + text + "' is not a URL; use e.g. http://127.0.0.1:9000.");
        }
    }

    private static void checkEndpoint(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new LakeLensException("--s3-endpoint '" + u + "' is not an http(s) URL; use e.g. http://127.0.0.1:9000.");
        }
    }

    /** A short name of the store for messages and the local state folder: {@code 127.0.0.1:9000} or {@code aws}. */
    public String storeName() {
        return endpoint.map(u -> u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")).orElse("aws");
    }

    /**
     * The S3A settings for one bucket, as {@code fs.s3a.bucket.<bucket>.*} keys, so a session
     * that reads several lakes (or a test JVM that shares one session) keeps each bucket's
     * endpoint to itself. Retries are few: a wrong endpoint fails in seconds, not minutes.
     */
    public Map<String, String> hadoopEntries(String bucket) {
        Map<String, String> m = new LinkedHashMap<>();
        String b = "fs.s3a.bucket." + bucket + ".";
        endpoint.ifPresent(u -> {
            m.put(b + "endpoint", u.toString());
            m.put(b + "connection.ssl.enabled", String.valueOf(u.getScheme().equalsIgnoreCase("https")));
        });
        m.put(b + "path.style.access", String.valueOf(pathStyle));
        m.put(b + "endpoint.region", region);
        m.put(b + "aws.credentials.provider", CREDENTIAL_PROVIDERS);
        m.put(b + "attempts.maximum", "2");
        m.put(b + "retry.limit", "2");
        m.put(b + "retry.interval", "250ms");
        m.put(b + "retry.throttle.limit", "3");
        m.put(b + "connection.establish.timeout", "5s");
        m.put(b + "connection.timeout", "60s");
        return m;
    }
}
