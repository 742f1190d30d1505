package io.lakelens.lake.s3;

import io.lakelens.LakeLensException;
import org.apache.hadoop.conf.Configuration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Lakes in S3-compatible buckets: {@code s3a://bucket/prefix} (or {@code s3://}, read as
 * {@code s3a://}) opened as a {@link Path} whose listing and log reading go through Hadoop's
 * S3A, the one file system Spark, Delta and Delta Kernel use too. Also the lake's local state
 * folder (LakeLens keeps its locks, policies and stores next to a local lake; a bucket has no
 * atomic rename or file locks, so for a bucket they live under {@code ~/.lakelens/s3}), the
 * single-writer claim, the access check that turns a wrong endpoint, missing credentials or a
 * missing bucket into one line. Thread-safe.
 */
public final class S3Lakes {
    private static final Logger LOG = LogManager.getLogger(S3Lakes.class);
    private static final HadoopFileSystemProvider PROVIDER = new HadoopFileSystemProvider();
    private static final Map<String, HadoopNioFileSystem> BUCKETS = new ConcurrentHashMap<>();
    private static final Map<Path, FileLock> WRITERS = new ConcurrentHashMap<>();
    private static final Map<Path, Boolean> CHECKED = new ConcurrentHashMap<>();
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern URI_FORM = Pattern.compile("(?i)s3a?://.*");

    private S3Lakes() {
    }

    /** Whether {@code text} names a lake in a bucket ({@code s3a://} or {@code s3://}). */
    public static boolean isBucketUri(String text) {
        return text != null && URI_FORM.matcher(text.strip()).matches();
    }

    /** Whether {@code p} is a path in a bucket. */
    public static boolean isRemote(Path p) {
        return p instanceof HadoopPath;
    }

    /**
     * The lake root for {@code s3a://bucket/prefix}; checks the form only (no request is made).
     * A {@code ..} or {@code .} name in the prefix is refused, as is a bucket name S3 does not allow.
     */
    public static Path root(String uriText, S3Settings settings) {
        String text = uriText.strip();
        if (!isBucketUri(text)) {
            throw new LakeLensException("'" + text + "' is not an s3a:// or s3:// lake.");
        }
        String rest = text.substring(text.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new LakeLensException("'" + bucket + "' in " + text + " is not a bucket name (3-63 lower-case letters, "
                    + "digits, dots and hyphens).");
        }
        for (String part : prefix.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw new LakeLensException("The lake " + text + " has a '" + part + "' in its prefix; name the prefix plainly.");
            }
        }
        HadoopNioFileSystem fs = BUCKETS.computeIfAbsent(settings.storeName() + "/" + bucket + "/" + settings,
                k -> new HadoopNioFileSystem(PROVIDER, "s3a://" + bucket, conf(settings, bucket)));
        return fs.getPath("/" + prefix).normalize();
    }

    private static Configuration conf(S3Settings settings, String bucket) {
        Configuration c = new Configuration();
        settings.hadoopEntries(bucket).forEach(c::set);
        return c;
    }

    /**
     * The lake root a string names, for code that gets the root back as text (a Spark catalog's
     * options): a bucket URI maps to the bucket this process already opened (with its endpoint),
     * anything else is a local path.
     */
    public static Path lakePath(String text) {
        if (isBucketUri(text)) {
            String t = text.strip().replaceFirst("(?i)^s3a?://", "s3a://");
            for (HadoopNioFileSystem fs : BUCKETS.values()) {
                if (t.equals(fs.rootUri()) || t.startsWith(fs.rootUri() + "/")) {
                    return fs.getPath(t).normalize();
                }
            }
            throw new LakeLensException("The lake " + text + " is not open in this process.");
        }
        return Path.of(text).toAbsolutePath().normalize();
    }

    /** The bucket of a lake root in a bucket. */
    public static String bucket(Path root) {
        return URI.create(((HadoopPath) root).getFileSystem().rootUri()).getHost();
    }

    /** The Hadoop configuration that reaches the lake at {@code root} (a fresh copy); empty for a local lake. */
    public static Optional<Configuration> hadoopConf(Path root) {
        return root instanceof HadoopPath h ? Optional.of(h.getFileSystem().conf()) : Optional.empty();
    }

    /** The settings Spark needs for the lake at {@code root}, as Hadoop keys (without {@code spark.hadoop.}). */
    public static Map<String, String> hadoopEntries(Path root) {
        if (!(root instanceof HadoopPath h)) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String b = "fs.s3a.bucket." + bucket(root) + ".";
        h.getFileSystem().conf().getPropsWithPrefix(b).forEach((k, v) -> out.put(b + k, v));
        return out;
    }

    /**
     * Where LakeLens keeps its own state for the lake in a bucket: {@code ~/.lakelens/s3/<store>/<bucket>/<prefix>}
     * (the {@code lakelens.s3.state} property moves the base). Created on first use by its writers.
     */
    public static Path localState(Path root) {
        HadoopPath h = (HadoopPath) root.toAbsolutePath();
        String base = System.getProperty("lakelens.s3.state",
                Path.of(System.getProperty("user.home"), ".lakelens", "s3").toString());
        String store = h.getFileSystem().conf().get("fs.s3a.bucket." + bucket(root) + ".endpoint", "aws");
        String storeDir = store.replaceFirst("^[a-z]+://", "").replaceAll("[^A-Za-z0-9._-]", "_");
        Path dir = Path.of(base, storeDir, bucket(root));
        for (int i = 0; i < h.getNameCount(); i++) {
            dir = dir.resolve(h.getName(i).toString());
        }
        return dir;
    }

    /**
     * Checks once per lake that the bucket answers: the endpoint is reached, the credentials
     * are accepted and the bucket exists. Throws one line naming which of these failed (the
     * cause goes to the log). A lake prefix with nothing under it yet passes.
     */
    public static void check(Path root) {
        if (!(root instanceof HadoopPath h) || CHECKED.containsKey(root)) {
            return;
        }
        try {
            h.getFileSystem().hadoop().listStatus(((HadoopPath) h.getRoot()).hadoop());
            CHECKED.put(root, true);
        } catch (Exception e) {
            throw failure(root, e);
        }
    }

    /** One line for a failure to reach the lake at {@code root}; the cause is logged. */
    public static LakeLensException failure(Path root, Throwable e) {
        LOG.warn("Cannot reach the lake {}", root, e);
        String store = ((HadoopPath) root).getFileSystem().conf()
                .get("fs.s3a.bucket." + bucket(root) + ".endpoint", "AWS S3");
        String text = chain(e).toLowerCase(Locale.ROOT);
        String msg;
        if (text.contains("noauthwithawsexception") || text.contains("unable to load credentials")
                || text.contains("no aws credentials")) {
            msg = "No S3 credentials for " + root + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE "
                    + "for a profile in ~/.aws/credentials.";
        } else if (text.contains("unknownstoreexception") || text.contains("nosuchbucket")
                || text.contains("bucket does not exist")) {
            msg = "The bucket '" + bucket(root) + "' does not exist at " + store + "; create it first or check the lake URI.";
        } else if (text.contains("invalidaccesskeyid") || text.contains("signaturedoesnotmatch")
                || text.contains("accessdenied") || text.contains("forbidden") || text.contains("403")) {
            msg = "The S3 store " + store + " refused the credentials for " + root + " (access denied); check "
                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the profile.";
        } else if (text.contains("connectexception") || text.contains("connection refused")
                || text.contains("unknownhostexception") || text.contains("unable to execute http request")
                || text.contains("connect timed out") || text.contains("sockettimeout")) {
            msg = "Cannot reach the S3 store at " + store + " for " + root + "; check --s3-endpoint (or AWS_ENDPOINT_URL) "
                    + "and that the server is running.";
        } else {
            msg = "The lake " + root + " cannot be read: " + firstLine(e) + ".";
        }
        return new LakeLensException(msg, e);
    }

    private static String chain(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 20_000; t = t.getCause()) {
            b.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /**
     * Claims the lake in a bucket for writing by this process, for the life of the process.
     * Delta's default S3 log store keeps a commit atomic only within one process, so LakeLens
     * lets one process at a time write to an S3 lake: a second LakeLens process on this
     * computer is refused with one line naming the first. Processes on other computers cannot
     * be seen this way; see {@link #SINGLE_WRITER_NOTE}.
     */
    public static void claimWriter(Path root) {
        if (!(root instanceof HadoopPath)) {
            return;
        }
        Path dir = localState(root);
        WRITERS.computeIfAbsent(dir, d -> {
            try {
                Files.createDirectories(d);
                Path file = d.resolve("writer.lock");
                FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                FileLock lock = ch.tryLock();
                if (lock == null) {
                    String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                    ch.close();
                    throw new LakeLensException("Another LakeLens process (" + (holder.isEmpty() ? "unknown" : holder)
                            + ") is writing to " + root + "; an S3 lake takes one writing process at a time, so this "
                            + "write is refused (nothing was written). Run it again once the other process has ended.");
                }
                ch.truncate(0);
                ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
                return lock;
            } catch (IOException e) {
                throw new LakeLensException("Cannot claim " + root + " for writing under " + d + ": " + e.getMessage(), e);
            } catch (java.nio.channels.OverlappingFileLockException e) {
                return null; // this process already holds it
            }
        });
    }

    /** Gives up this process's claim on the lake (after a one-off write such as the demo's generation). */
    public static void releaseWriter(Path root) {
        if (!(root instanceof HadoopPath)) {
            return;
        }
        FileLock lock = WRITERS.remove(localState(root));
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                LOG.warn("Cannot release the writer claim on {}", root, e);
            }
        }
    }

    /** What LakeLens says about writes to an S3 lake, wherever it lists one. */
    public static final String SINGLE_WRITER_NOTE = "S3 lake: writes are safe from one process at a time (Delta's S3 log "
            + "store has no cross-process commit lock); LakeLens refuses a second writing process on this computer but "
            + "cannot see writers on other computers.";
}
