package io.lakelens.cli;

import io.lakelens.Config;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;

/** Options every command accepts, before or after its name. */
public final class GlobalOptions {
    @Option(names = "--lake", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Lake folder (default $LAKELENS_LAKE or ~/.lakelens/lake).")
    Path lake;

    @Option(names = "--spark-master", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Spark master: local[*] (default), local[N] or spark://host:port of a standalone cluster.")
    String sparkMaster;

    @Option(names = "--spark-ui", scope = ScopeType.INHERIT, description = "Start Spark's web UI (off by default).")
    boolean sparkUi;

    @Option(names = "--redis", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "External Redis (redis:// or rediss://); default $REDIS_URL or an embedded one.")
    String redis;

    @Option(names = "--no-redis", scope = ScopeType.INHERIT, description = "Run without a cache.")
    boolean noRedis;

    @Option(names = "--read-only", scope = ScopeType.INHERIT, description = "Refuse every write to the lake.")
    boolean readOnly;

    public Config toConfig() {
        Config c = Config.fromEnvironment();
        if (lake != null) {
            c = c.withLake(lake);
        }
        if (sparkMaster != null && !sparkMaster.isBlank()) {
            c = c.withSparkMaster(sparkMaster);
        }
        if (sparkUi) {
            c = c.withSparkUi(true);
        }
        Optional<String> url = redis != null && !redis.isBlank() ? Optional.of(redis) : c.redisUrl();
        c = c.withRedis(noRedis ? Optional.empty() : url, noRedis);
        return c.withReadOnly(readOnly);
    }
}
