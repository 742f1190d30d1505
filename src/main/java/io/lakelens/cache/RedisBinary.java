package io.lakelens.cache;

import io.lakelens.LakeLensException;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Finds a {@code redis-server} to embed: one on the PATH if the machine has it (the
 * distribution's build, usually newer), else the binary for this OS and CPU shipped inside the
 * embedded-redis jar, unpacked once into {@code ~/.cache/lakelens/redis} and reused.
 *
 * @param path        the executable
 * @param description where it came from, for `lakelens health`
 */
public record RedisBinary(Path path, String description) {

    public static RedisBinary locate() {
        String exe = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "redis-server.exe" : "redis-server";
        String pathVar = System.getenv("PATH");
        if (pathVar != null && !Boolean.getBoolean("lakelens.redis.ignorePath")) {
            for (String dir : pathVar.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path p = Path.of(dir, exe);
                if (Files.isRegularFile(p) && Files.isExecutable(p) && answersVersion(p)) {
                    return new RedisBinary(p, p.toString());
                }
            }
        }
        return fromJar();
    }

    private static boolean answersVersion(Path p) {
        try {
            Process proc = new ProcessBuilder(p.toString(), "--version").redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor(3, TimeUnit.SECONDS) && proc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static RedisBinary fromJar() {
        OsArchitecture arch;
        try {
            arch = OsArchitecture.detectOSandArchitecture();
        } catch (RuntimeException e) {
            throw new LakeLensException("No redis-server on the PATH and no embedded Redis for this OS/CPU ("
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "); install Redis or use --redis URL.");
        }
        String resource = ExecutableProvider.newProvidedVersionsMap().get(arch);
        if (resource == null) {
            throw new LakeLensException("No embedded Redis for " + arch.os + "/" + arch.arch
                    + "; install redis-server or use --redis URL.");
        }
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        Path dir = cacheDir();
        Path target = dir.resolve(name);
        java.net.URL url = RedisBinary.class.getResource("/" + name);
        if (url == null) {
            throw new LakeLensException("The embedded-redis jar lacks " + name + "; install redis-server or use --redis URL.");
        }
        try {
            java.net.URLConnection conn = url.openConnection();
            long size = conn.getContentLengthLong();
            if (!Files.isExecutable(target) || (size > 0 && Files.size(target) != size)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".part");
                try (InputStream in = conn.getInputStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (!tmp.toFile().setExecutable(true, true)) {
                    throw new IOException("cannot make " + tmp + " executable");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot unpack the embedded Redis into " + dir + ": " + e.getMessage(), e);
        }
        return new RedisBinary(target, "bundled " + name);
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("lakelens").resolve("redis");
        if (Files.isWritable(base) || Files.isWritable(dir)) {
            return dir;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "lakelens-redis-" + System.getProperty("user.name"));
    }
}
