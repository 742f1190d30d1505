package io.lakelens.api;

import io.lakelens.LakeLensException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer token every API request but {@code health} must carry. Kept in
 * {@code <home>/api-token} (home is {@code ~/.lakelens} unless overridden, see
 * {@link #defaultHome()}), readable and writable by its owner only (mode 0600), and generated
 * there on first use; or held in memory only (the bench). Immutable and thread-safe.
 */
public final class ApiToken {
    /** File name of the token under the LakeLens home folder. */
    public static final String FILE = "api-token";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int MIN_LENGTH = 32;

    private final String value;
    private final Optional<Path> file;

    private ApiToken(String value, Optional<Path> file) {
        this.value = value;
        this.file = file;
    }

    /**
     * LakeLens's own folder: the {@code lakelens.dir} system property, else {@code LAKELENS_DIR},
     * else {@code ~/.lakelens}. Tests point it (or pass a folder) at a temporary folder. (The
     * launcher's {@code lakelens.home} names the installation, not this folder.)
     */
    public static Path defaultHome() {
        String prop = System.getProperty("lakelens.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        String env = System.getenv("LAKELENS_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".lakelens");
    }

    /** A token held in memory only (nothing is written). */
    public static ApiToken inMemory(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("A token has at least " + MIN_LENGTH + " characters.");
        }
        return new ApiToken(value, Optional.empty());
    }

    /** A new random token held in memory only. */
    public static ApiToken random() {
        return new ApiToken(generate(), Optional.empty());
    }

    /**
     * The token kept in {@code home/api-token}, created (mode 0600, folder 0700 when new) if the
     * file is missing or empty. A file others can read is narrowed to its owner.
     *
     * @throws LakeLensException when the folder or file cannot be created or read
     */
    public static ApiToken loadOrCreate(Path home) {
        Path file = home.resolve(FILE);
        try {
            if (!Files.isDirectory(home)) {
                createPrivateDirectories(home);
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                if (Files.exists(file)) {
                    ownerOnly(file);
                    String v = Files.readString(file, StandardCharsets.UTF_8).strip();
                    if (v.length() >= MIN_LENGTH) {
                        return new ApiToken(v, Optional.of(file));
                    }
                    // empty or cut short (a crash while it was written): replace it
                    Files.delete(file);
                }
                try {
                    String v = generate();
                    writeNew(file, v);
                    return new ApiToken(v, Optional.of(file));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            throw new LakeLensException("Could not create the API token file " + file + "; remove it and try again.");
        } catch (IOException e) {
            throw new LakeLensException("Cannot read or create the API token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The token's text (what a client sends after {@code Bearer }). */
    public String value() {
        return value;
    }

    /** Where the token is kept, if it is kept in a file. */
    public Optional<Path> file() {
        return file;
    }

    /** Whether an {@code Authorization} header value carries this token; compares in constant time. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String a = authorization.strip();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = a.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String generate() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static boolean posix(Path p) {
        return Files.getFileAttributeView(p.getParent() == null ? p : p.getParent(), PosixFileAttributeView.class) != null;
    }

    private static void createPrivateDirectories(Path home) throws IOException {
        Path parent = home.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (posix(home.toAbsolutePath())) {
            try {
                Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException ignored) {
                // created meanwhile
            }
        } else {
            Files.createDirectories(home);
        }
    }

    private static void writeNew(Path file, String v) throws IOException {
        FileAttribute<?>[] attrs = posix(file) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            ch.write(ByteBuffer.wrap((v + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        if (!posix(file)) {
            // no POSIX modes here (Windows): at least drop read access for everyone but the owner
            var f = file.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }
}
