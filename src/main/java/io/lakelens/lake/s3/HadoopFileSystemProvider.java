package io.lakelens.lake.s3;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java.nio.file} over Hadoop's S3A: the lake's listing and log reading ({@code Files.list},
 * {@code Files.isDirectory}, {@code Files.newBufferedReader}, ...) work on a bucket as on a folder.
 * A folder is a key prefix; there are no links, owners or permissions; a move is a copy and a
 * delete, never atomic ({@link StandardCopyOption#ATOMIC_MOVE} is refused). Not installed as a
 * system provider: paths come from {@link S3Lakes#root}. Thread-safe.
 */
public final class HadoopFileSystemProvider extends java.nio.file.spi.FileSystemProvider {
    @Override
    public String getScheme() {
        return "s3a";
    }

    @Override
    public java.nio.file.FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("Open a bucket with S3Lakes.root.");
    }

    @Override
    public java.nio.file.FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("Open a bucket with S3Lakes.root.");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("Open a bucket with S3Lakes.root.");
    }

    private static HadoopPath p(Path path) {
        if (!(path instanceof HadoopPath h)) {
            throw new java.nio.file.ProviderMismatchException(String.valueOf(path));
        }
        return h.toAbsolutePath();
    }

    private static FileSystem fs(HadoopPath p) throws IOException {
        return p.getFileSystem().hadoop();
    }

    private static FileStatus status(HadoopPath p) throws IOException {
        if (p.listed() != null) {
            return p.listed();
        }
        try {
            return fs(p).getFileStatus(p.hadoop());
        } catch (FileNotFoundException e) {
            NoSuchFileException n = new NoSuchFileException(p.toString());
            n.initCause(e);
            throw n;
        }
    }

    boolean exists(HadoopPath p) throws IOException {
        try {
            status(p);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        HadoopPath h = p(path);
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            return new WriteChannel(newOutputStream(h, options.toArray(OpenOption[]::new)));
        }
        FileStatus st = status(h);
        if (st.isDirectory()) {
            throw new java.nio.file.FileSystemException(h + " is a folder");
        }
        return new ReadChannel(fs(h).open(h.hadoop()), st.getLen());
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        HadoopPath h = p(path);
        try {
            return fs(h).open(h.hadoop());
        } catch (FileNotFoundException e) {
            NoSuchFileException n = new NoSuchFileException(h.toString());
            n.initCause(e);
            throw n;
        }
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        HadoopPath h = p(path);
        List<OpenOption> opts = Arrays.asList(options);
        if (opts.contains(StandardOpenOption.APPEND)) {
            throw new UnsupportedOperationException("Objects in a bucket cannot be appended to.");
        }
        boolean createNew = opts.contains(StandardOpenOption.CREATE_NEW);
        if (createNew && exists(h)) {
            throw new FileAlreadyExistsException(h.toString());
        }
        return fs(h).create(h.hadoop(), !createNew);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        HadoopPath h = p(dir);
        FileStatus[] listed;
        try {
            listed = fs(h).listStatus(h.hadoop());
        } catch (FileNotFoundException e) {
            NoSuchFileException n = new NoSuchFileException(h.toString());
            n.initCause(e);
            throw n;
        }
        if (listed.length == 1 && listed[0].isFile() && listed[0].getPath().getName().equals(String.valueOf(h.getFileName()))) {
            throw new NotDirectoryException(h.toString());
        }
        List<Path> out = new ArrayList<>();
        for (FileStatus st : listed) {
            Path child = new HadoopPath(h.getFileSystem(), true, appended(h, st.getPath().getName()), st);
            if (filter == null || filter.accept(child)) {
                out.add(child);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return out.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    private static String[] appended(HadoopPath dir, String name) {
        int n = dir.getNameCount();
        String[] names = new String[n + 1];
        for (int i = 0; i < n; i++) {
            names[i] = dir.getName(i).toString();
        }
        names[n] = name;
        return names;
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        HadoopPath h = p(dir);
        if (exists(h)) {
            throw new FileAlreadyExistsException(h.toString());
        }
        fs(h).mkdirs(h.hadoop());
    }

    @Override
    public void delete(Path path) throws IOException {
        HadoopPath h = p(path);
        FileStatus st = status(h);
        if (st.isDirectory() && fs(h).listStatus(h.hadoop()).length > 0) {
            throw new DirectoryNotEmptyException(h.toString());
        }
        fs(h).delete(h.hadoop(), false);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        HadoopPath s = p(source);
        HadoopPath t = p(target);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (!replace && exists(t)) {
            throw new FileAlreadyExistsException(t.toString());
        }
        try (InputStream in = newInputStream(s); OutputStream out = fs(t).create(t.hadoop(), true)) {
            in.transferTo(out);
        }
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        if (Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
            throw new AtomicMoveNotSupportedException(source.toString(), target.toString(), "a bucket has no atomic rename");
        }
        HadoopPath s = p(source);
        HadoopPath t = p(target);
        boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (exists(t)) {
            if (!replace) {
                throw new FileAlreadyExistsException(t.toString());
            }
            fs(t).delete(t.hadoop(), false);
        }
        if (!fs(s).rename(s.hadoop(), t.hadoop())) {
            throw new IOException("Cannot move " + s + " to " + t);
        }
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("A bucket has no file store.");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        status(p(path)); // a bucket has no permissions LakeLens can check ahead; the request says
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        if (!type.isAssignableFrom(Attributes.class)) {
            throw new UnsupportedOperationException("Only basic attributes are kept for objects in a bucket.");
        }
        return (A) new Attributes(status(p(path)));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Attributes a = new Attributes(status(p(path)));
        Map<String, Object> m = new HashMap<>();
        m.put("size", a.size());
        m.put("lastModifiedTime", a.lastModifiedTime());
        m.put("lastAccessTime", a.lastAccessTime());
        m.put("creationTime", a.creationTime());
        m.put("isDirectory", a.isDirectory());
        m.put("isRegularFile", a.isRegularFile());
        m.put("isSymbolicLink", false);
        m.put("isOther", false);
        return m;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException("Objects in a bucket keep no attributes LakeLens can set.");
    }

    private record Attributes(FileStatus st) implements BasicFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return FileTime.fromMillis(st.getModificationTime());
        }

        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime();
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime();
        }

        @Override
        public boolean isRegularFile() {
            return st.isFile();
        }

        @Override
        public boolean isDirectory() {
            return st.isDirectory();
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public long size() {
            return st.isDirectory() ? 0 : st.getLen();
        }

        @Override
        public Object fileKey() {
            return null;
        }
    }

    private static final class ReadChannel implements SeekableByteChannel {
        private final FSDataInputStream in;
        private final long size;
        private volatile boolean open = true;

        ReadChannel(FSDataInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            byte[] buf = new byte[Math.min(dst.remaining(), 1 << 16)];
            int n = in.read(buf, 0, buf.length);
            if (n > 0) {
                dst.put(buf, 0, n);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            return in.getPos();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            in.seek(newPosition);
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long s) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }

    private static final class WriteChannel implements SeekableByteChannel {
        private final WritableByteChannel out;
        private long written;

        WriteChannel(OutputStream out) {
            this.out = Channels.newChannel(out);
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new java.nio.channels.NonReadableChannelException();
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = out.write(src);
            written += n;
            return n;
        }

        @Override
        public long position() {
            return written;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            throw new UnsupportedOperationException("Objects in a bucket are written in one pass.");
        }

        @Override
        public long size() {
            return written;
        }

        @Override
        public SeekableByteChannel truncate(long s) {
            throw new UnsupportedOperationException("Objects in a bucket are written in one pass.");
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
