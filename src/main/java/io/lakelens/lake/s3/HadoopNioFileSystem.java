package io.lakelens.lake.s3;

import io.lakelens.LakeStateFolder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * One bucket as a {@link java.nio.file.FileSystem}, read and written through Hadoop's S3A file
 * system with the same configuration Spark and Delta Kernel get, so every route sees the same
 * objects through the same endpoint and credentials. Thread-safe.
 */
public final class HadoopNioFileSystem extends java.nio.file.FileSystem implements LakeStateFolder.KeptLocally {
    private final HadoopFileSystemProvider provider;
    private final String rootUri;
    private final Configuration conf;
    private volatile FileSystem hadoop;

    HadoopNioFileSystem(HadoopFileSystemProvider provider, String rootUri, Configuration conf) {
        this.provider = provider;
        this.rootUri = rootUri;
        this.conf = conf;
    }

    /** A lake in a bucket keeps LakeLens's state on this computer: {@link S3Lakes#localState}. */
    @Override
    public Path localState(Path lakeRoot) {
        return S3Lakes.localState(lakeRoot);
    }

    /** {@code s3a://bucket}. */
    String rootUri() {
        return rootUri;
    }

    /** The Hadoop configuration every reader of this bucket uses (a copy each call). */
    public Configuration conf() {
        return new Configuration(conf);
    }

    FileSystem hadoop() throws IOException {
        FileSystem h = hadoop;
        if (h == null) {
            synchronized (this) {
                h = hadoop;
                if (h == null) {
                    // A private instance: Hadoop's cache keys by bucket alone, and this one must
                    // keep the endpoint it was opened with.
                    hadoop = h = FileSystem.newInstance(URI.create(rootUri + "/"), conf);
                }
            }
        }
        return h;
    }

    @Override
    public HadoopFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // Shared for the life of the process, like Hadoop's own cached file systems.
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(new HadoopPath(this, true, new String[0], null));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        String joined = more.length == 0 ? first : first + "/" + String.join("/", more);
        if (joined.startsWith(rootUri + "/") || joined.equals(rootUri)) {
            joined = "/" + joined.substring(rootUri.length());
        }
        return HadoopPath.parse(this, joined);
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher local = java.nio.file.FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return p -> local.matches(Path.of(p instanceof HadoopPath h && h.isAbsolute() ? h.keyPath() : p.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("Buckets have no users.");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("A bucket cannot be watched for changes.");
    }
}
