package io.lakelens.cli;

import io.lakelens.Config;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Optional;

/** Options every command accepts, before or after its name. */
public final class GlobalOptions {
    @Option(names = "--lake", paramLabel = "DIR|s3a://BUCKET/PREFIX", scope = ScopeType.INHERIT,
            description = "Lake folder, or a bucket prefix s3a://bucket/prefix (also s3://) on an S3-compatible store "
                    + "(default $LAKELENS_LAKE or ~/.lakelens/lake).")
    String lake;

    @Option(names = "--s3-endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Endpoint of an S3-compatible store for an s3a:// lake, e.g. http://127.0.0.1:9000 (default "
                    + "$AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, else AWS). Region from $AWS_REGION; credentials from "
                    + "$AWS_ACCESS_KEY_ID/$AWS_SECRET_ACCESS_KEY or the AWS profile, never from the command line.")
    String s3Endpoint;

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

    @Option(names = "--no-progress", scope = ScopeType.INHERIT,
            description = "Draw no progress line (it is drawn on standard error only when that is a terminal).")
    boolean noProgress;

    /** Sets the level of the log file (~/.lakelens/logs/lakelens.log) for this run. */
    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Level of the log file ~/.lakelens/logs/lakelens.log: ERROR, WARN (default), INFO, DEBUG, TRACE; "
                    + "also $LAKELENS_LOG_LEVEL.")
    void logLevel(String level) {
        org.apache.logging.log4j.Level l = org.apache.logging.log4j.Level.getLevel(level.strip().toUpperCase(java.util.Locale.ROOT));
        if (l == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--log-level '" + level + "' is not a level; use ERROR, WARN, INFO, DEBUG or TRACE.");
        }
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(l);
    }

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    public Config toConfig() {
        Config c = Config.fromEnvironment();
        if (lake != null) {
            c = c.withLake(Config.parseLake(lake, System.getenv(), s3Endpoint));
        } else if (s3Endpoint != null && System.getenv("LAKELENS_LAKE") != null) {
            c = c.withLake(Config.parseLake(System.getenv("LAKELENS_LAKE"), System.getenv(), s3Endpoint));
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
