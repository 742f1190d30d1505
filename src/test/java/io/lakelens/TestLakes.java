package io.lakelens;

import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test support: one SparkSession per test JVM (Surefire runs all tests in one fork with
 * {@code -Dlakelens.sharedSpark=true}), engines over temporary lakes, and a fingerprint of
 * a folder to prove a read changed nothing.
 */
public final class TestLakes {
    private TestLakes() {
    }

    public static Config config(Path lake) {
        return new Config(lake.toAbsolutePath().normalize(), "local[2]", false, Optional.empty(), true, false);
    }

    /**
     * An engine over {@code lake}; its session is the JVM's shared one. Like the application, it
     * matches rows of the demo tables on their usual keys when a table declares none.
     */
    public static LakeEngine engine(Path lake) {
        return new LakeEngine(config(lake)).defaultKeys(io.lakelens.data.Tables::defaultKey);
    }

    public static SparkSession spark(Path lake) {
        return engine(lake).spark();
    }

    /** SHA-256 over every file's relative path, size and bytes under {@code dir}. */
    public static String fingerprint(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes());
                md.update(Files.readAllBytes(p));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
