package io.lakelens;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where LakeLens finds its lake, its Spark master and its cache. Built from the
 * environment, then overridden by command-line options.
 *
 * @param lakeRoot    folder holding one sub-folder per Delta table
 * @param sparkMaster {@code local[*]}, {@code spark://host:port} or {@code sc://host:port}
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
                .map(Path::of).orElseGet(Config::defaultLake);
        String master = Optional.ofNullable(env.get("LAKELENS_SPARK_MASTER")).filter(s -> !s.isBlank())
                .orElse(DEFAULT_MASTER);
        Optional<String> redis = Optional.ofNullable(env.get("REDIS_URL")).filter(s -> !s.isBlank());
        return new Config(lake.toAbsolutePath().normalize(), master, false, redis, false, false);
    }

    public Config withLake(Path lake) {
        return new Config(lake.toAbsolutePath().normalize(), sparkMaster, sparkUi, redisUrl, noRedis, readOnly);
    }

    public Config withSparkMaster(String master) {
        return new Config(lakeRoot, master, sparkUi, redisUrl, noRedis, readOnly);
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
