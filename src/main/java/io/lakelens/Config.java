package io.lakelens;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where LakeLens finds its lake, its Spark master and its cache. Built from the
 * environment, then overridden by command-line options.
 *
 * @param lakeRoot    folder holding one sub-folder per Delta table, or a prefix in a bucket ({@link #parseLake})
 * @param sparkMaster {@code local[*]} (or {@code local[N]}) or {@code spark://host:port}; see {@link #checkMaster}
 * @param sparkUi     whether Spark's web UI is started
 * @param redisUrl    an external Redis ({@code redis://} or {@code rediss://}); empty to embed one
 * @param noRedis     run with no cache at all
 * @param readOnly    refuse every write (restore, optimize, vacuum, import, feed)
 */
public record Config(Path lakeRoot, String sparkMaster, boolean sparkUi,
                     Optional<String> redisUrl, boolean noRedis, boolean readOnly) {

    public static final String DEFAULT_MASTER = "local[*]";

    public static Path defaultLake() {
        return Path.of(System.getProperty("user.home"), ".lakelens", "lake");
    }

    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static Config fromEnvironment(Map<String, String> env) {
        Path lake = Optional.ofNullable(env.get("LAKELENS_LAKE")).filter(s -> !s.isBlank())
                .map(s -> parseLake(s, env, null)).orElseGet(Config::defaultLake);
        String master = Optional.ofNullable(env.get("LAKELENS_SPARK_MASTER")).filter(s -> !s.isBlank())
                .orElse(DEFAULT_MASTER);
        Optional<String> redis = Optional.ofNullable(env.get("REDIS_URL")).filter(s -> !s.isBlank());
        return new Config(lake.toAbsolutePath().normalize(), checkMaster(master), false, redis, false, false);
    }

    /**
     * The lake a user named: a folder, or a bucket as {@code s3a://bucket/prefix} (also
     * {@code s3://}, read as {@code s3a://}) reached through {@code endpointOption} (or the
     * standard AWS variables in {@code env}; see {@link io.lakelens.lake.s3.S3Settings}).
     * Checks the form only; nothing is read.
     */
    public static Path parseLake(String text, Map<String, String> env, String endpointOption) {
        if (io.lakelens.lake.s3.S3Lakes.isBucketUri(text)) {
            return io.lakelens.lake.s3.S3Lakes.root(text, io.lakelens.lake.s3.S3Settings.fromEnvironment(env, endpointOption));
        }
        if (text.strip().matches("(?i)[a-z][a-z0-9+.-]+://.*")) {
            throw new LakeLensException("'" + text.strip() + "' is not a lake LakeLens opens; use a folder or "
                    + "s3a://bucket/prefix.");
        }
        return Path.of(text);
    }

    /** Whether the lake is in a bucket rather than a local folder. */
    public boolean isBucketLake() {
        return io.lakelens.lake.s3.S3Lakes.isRemote(lakeRoot);
    }

    /**
     * The master, or a one-line refusal. LakeLens drives Spark in-process: Delta's table API,
     * job cancellation by group, listeners for job times and the plans it shows all need a
     * classic session, in the window or as the driver of a standalone cluster. A Spark Connect
     * client ({@code sc://}) has none of these, so it is refused rather than half working.
     */
    public static String checkMaster(String master) {
        String m = master.strip();
        if (m.startsWith("sc://")) {
            throw new LakeLensException("Spark Connect (" + m + ") is not supported: LakeLens runs Spark in-process "
                    + "or as the driver of a cluster; use local[*] or spark://host:port.");
        }
        if (!m.matches("local(\\[(\\*|\\d+)(,\\d+)?])?") && !m.matches("spark://[^\\s/]+(:\\d+)?(,[^\\s/]+(:\\d+)?)*")) {
            throw new LakeLensException("'" + m + "' is not a Spark master LakeLens runs on; use local[*], local[N] "
                    + "or spark://host:port.");
        }
        return m;
    }

    public Config withLake(Path lake) {
        return new Config(lake.toAbsolutePath().normalize(), sparkMaster, sparkUi, redisUrl, noRedis, readOnly);
    }

    public Config withSparkMaster(String master) {
        return new Config(lakeRoot, checkMaster(master), sparkUi, redisUrl, noRedis, readOnly);
    }

    public Config withSparkUi(boolean ui) {
        return new Config(lakeRoot, sparkMaster, ui, redisUrl, noRedis, readOnly);
    }

    public Config withRedis(Optional<String> url, boolean none) {
        return new Config(lakeRoot, sparkMaster, sparkUi, url, none, readOnly);
    }

    public Config withReadOnly(boolean ro) {
        return new Config(lakeRoot, sparkMaster, sparkUi, redisUrl, noRedis, ro);
    }

    public boolean isLocalMaster() {
        return sparkMaster.startsWith("local");
    }
}
