package io.lakelens;

import io.lakelens.data.DatasetSize;
import io.lakelens.data.GenerationListener;
import io.lakelens.data.LakeGenerator;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Test support: one SparkSession per test JVM (Surefire runs all tests in one fork with
 * {@code -Dlakelens.sharedSpark=true}), engines over temporary lakes, and a fingerprint of
 * a folder to prove a read changed nothing.
 */
public final class TestLakes {
    /** The seed of the generated TINY lake that {@link #generatedTiny} hands out. */
    public static final long TINY_SEED = 42;
    private static Path generatedTiny;

    private TestLakes() {
    }

    /**
     * Fills the empty folder {@code into} with a TINY lake generated with {@link #TINY_SEED}. The
     * lake is generated once per test JVM and copied for each caller, file times included (Delta
     * dates a commit by its file's time), so every test class owns its lake and may change it.
     *
     * @return {@code into}
     */
    public static synchronized Path generatedTiny(Path into) {
        try {
            if (generatedTiny == null) {
                Path lake = Files.createTempDirectory("lakelens-tiny-lake");
                new LakeGenerator(engine(lake)).generate(DatasetSize.TINY, TINY_SEED, GenerationListener.NONE);
                generatedTiny = lake;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(lake)));
            }
            try (Stream<Path> files = Files.walk(generatedTiny)) {
                for (Path from : files.toList()) {
                    Path to = into.resolve(generatedTiny.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is harmless
        }
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
