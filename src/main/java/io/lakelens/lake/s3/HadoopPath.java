package io.lakelens.lake.s3;

import org.apache.hadoop.fs.FileStatus;

import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path in a bucket, as {@link java.nio.file.Path}. An absolute path prints as its full URI
 * ({@code s3a://bucket/lake/trades}), so the string LakeLens hands to Spark, Delta and Delta
 * Kernel names the same object the listing found; a relative one prints as its names joined by
 * {@code /}. Immutable; thread-safe.
 */
final class HadoopPath implements Path {
    private final HadoopNioFileSystem fs;
    private final boolean absolute;
    private final String[] names;
    /** The status a listing returned with this path, so the walk needs no second request per entry. */
    private final transient FileStatus listed;

    HadoopPath(HadoopNioFileSystem fs, boolean absolute, String[] names, FileStatus listed) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
        this.listed = listed;
    }

    static HadoopPath parse(HadoopNioFileSystem fs, String text) {
        boolean abs = text.startsWith("/");
        String[] parts = Arrays.stream(text.split("/+")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        return new HadoopPath(fs, abs, parts, null);
    }

    FileStatus listed() {
        return listed;
    }

    /** The key path inside the bucket, {@code /lake/trades}; {@code /} for the bucket itself. */
    String keyPath() {
        return "/" + String.join("/", names);
    }

    org.apache.hadoop.fs.Path hadoop() {
        return new org.apache.hadoop.fs.Path(toAbsolutePath().toUri());
    }

    private static HadoopPath check(Path other) {
        if (!(other instanceof HadoopPath p)) {
            throw new ProviderMismatchException("Not a path in a bucket: " + other);
        }
        return p;
    }

    @Override
    public HadoopNioFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new HadoopPath(fs, true, new String[0], null) : null;
    }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new HadoopPath(fs, false, new String[]{names[names.length - 1]}, null);
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return null;
        }
        return new HadoopPath(fs, absolute, Arrays.copyOf(names, names.length - 1), null);
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        return new HadoopPath(fs, false, new String[]{names[index]}, null);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return new HadoopPath(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex), null);
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof HadoopPath p) || p.fs != fs || p.absolute != absolute || p.names.length > names.length) {
            return false;
        }
        for (int i = 0; i < p.names.length; i++) {
            if (!p.names[i].equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof HadoopPath p) || p.fs != fs || (p.absolute && !absolute) || p.names.length > names.length) {
            return false;
        }
        if (p.absolute && p.names.length != names.length) {
            return false;
        }
        for (int i = 1; i <= p.names.length; i++) {
            if (!p.names[p.names.length - i].equals(names[names.length - i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..") && !out.isEmpty() && !out.getLast().equals("..")) {
                out.removeLast();
            } else if (n.equals("..") && absolute) {
                continue; // above the bucket's root is the root
            } else {
                out.add(n);
            }
        }
        return new HadoopPath(fs, absolute, out.toArray(String[]::new), null);
    }

    @Override
    public Path resolve(Path other) {
        HadoopPath p = check(other);
        if (p.absolute) {
            return p;
        }
        if (p.names.length == 0) {
            return this;
        }
        String[] joined = Arrays.copyOf(names, names.length + p.names.length);
        System.arraycopy(p.names, 0, joined, names.length, p.names.length);
        return new HadoopPath(fs, absolute, joined, null);
    }

    @Override
    public Path resolve(String other) {
        return resolve(parse(fs, other));
    }

    @Override
    public Path relativize(Path other) {
        HadoopPath p = check(other);
        if (p.absolute != absolute) {
            throw new IllegalArgumentException("Cannot relativize " + other + " against " + this);
        }
        int common = 0;
        while (common < names.length && common < p.names.length && names[common].equals(p.names[common])) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.length; i++) {
            out.add("..");
        }
        out.addAll(Arrays.asList(p.names).subList(common, p.names.length));
        return new HadoopPath(fs, false, out.toArray(String[]::new), null);
    }

    @Override
    public URI toUri() {
        return URI.create(fs.rootUri() + toAbsolutePath().keyPathEncoded());
    }

    private String keyPathEncoded() {
        try {
            return new URI(null, null, keyPath(), null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public HadoopPath toAbsolutePath() {
        return absolute ? this : new HadoopPath(fs, true, names, null);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws java.io.IOException {
        HadoopPath p = (HadoopPath) toAbsolutePath().normalize();
        if (!fs.provider().exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return p;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("A bucket cannot be watched for changes.");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HadoopPath p && p.fs == fs && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(names) * 31 + (absolute ? 1 : 0) + fs.hashCode();
    }

    @Override
    public String toString() {
        return absolute ? fs.rootUri() + keyPath() : String.join("/", names);
    }
}
