package io.lakelens.lake.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakelens.lake.LakeEngine;
import io.lakelens.text.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What each stream of a lake has done, kept beside its checkpoint so that another process (the
 * window's Performance tab, {@code lakelens stats}) can show its rows/s, batch latency and lag
 * while it runs and after it stopped.
 *
 * <p>A stream's folder holds {@code stream.json} (table, source, format, the process running
 * it) and {@code batches.jsonl}, one line per micro-batch, trimmed to the last {@link #KEEP}.
 * Writing is the stream's own thread only; reading tolerates a line being written.
 */
public final class StreamJournal {
    /** Batches kept per stream. */
    public static final int KEEP = 500;
    static final String ABOUT = "stream.json";
    static final String BATCHES = "batches.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamJournal() {
    }

    /** One micro-batch as the journal keeps it. */
    public record Entry(long batchId, long version, long rows, int files, long millis, boolean replayed, long lagMillis,
                        int quarantined, Instant committedAt) {
        public double rowsPerSecond() {
            return millis == 0 ? rows * 1000.0 : rows * 1000.0 / millis;
        }

        static Entry of(StreamIngest.Batch b) {
            return new Entry(b.batchId(), b.version(), b.rows(), b.files(), b.millis(), b.replayed(), b.lag().toMillis(),
                    b.quarantined().size(), b.committedAt());
        }
    }

    /**
     * One stream of the lake.
     *
     * @param running whether it has not stopped and the process that started it is still alive
     * @param recent  its last batches, oldest first
     */
    public record StreamInfo(String table, String source, String format, long pid, Instant started, boolean running,
                             List<Entry> recent) {
        public long rows() {
            return recent.stream().mapToLong(Entry::rows).sum();
        }

        public int quarantined() {
            return recent.stream().mapToInt(Entry::quarantined).sum();
        }

        public Optional<Entry> last() {
            return recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1));
        }

        /** Rows per second over the recent batches' own time (work time, not idle time between them). */
        public double rowsPerSecond() {
            long ms = recent.stream().mapToLong(Entry::millis).sum();
            return ms == 0 ? 0 : rows() * 1000.0 / ms;
        }
    }

    /** Records that this process starts streaming {@code source} into {@code table}. */
    static void begin(Path home, String table, Path source, StreamIngest.Format format) {
        ObjectNode about = JSON.createObjectNode();
        about.put("table", table);
        about.put("source", source.toString());
        about.put("format", format.name().toLowerCase(Locale.ROOT));
        ProcessHandle self = ProcessHandle.current();
        about.put("pid", self.pid());
        about.put("started", Instant.now().toEpochMilli());
        self.info().startInstant().ifPresent(t -> about.put("processStarted", t.toEpochMilli()));
        try {
            Files.createDirectories(home);
            AtomicFile.write(home.resolve(ABOUT), out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(about)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records that the stream stopped (a killed process cannot; then its process being gone says it). */
    static void end(Path home) {
        Path aboutFile = home.resolve(ABOUT);
        try {
            if (Files.isRegularFile(aboutFile)) {
                ObjectNode about = (ObjectNode) JSON.readTree(aboutFile.toFile());
                about.put("stopped", Instant.now().toEpochMilli());
                AtomicFile.write(aboutFile, out -> out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(about)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one batch; every {@link #KEEP} batches the file is cut back to the last {@link #KEEP}. */
    static void append(Path home, StreamIngest.Batch b) {
        Entry e = Entry.of(b);
        ObjectNode line = JSON.createObjectNode();
        line.put("batch", e.batchId());
        line.put("version", e.version());
        line.put("rows", e.rows());
        line.put("files", e.files());
        line.put("ms", e.millis());
        line.put("replayed", e.replayed());
        line.put("lagMs", e.lagMillis());
        line.put("quarantined", e.quarantined());
        line.put("at", e.committedAt().toEpochMilli());
        Path file = home.resolve(BATCHES);
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if ((e.batchId() + 1) % KEEP == 0) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() > KEEP) {
                    List<String> kept = lines.subList(lines.size() - KEEP, lines.size());
                    AtomicFile.write(file, out -> out.write((String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every stream of the lake, newest start first, with its last {@code last} batches. */
    public static List<StreamInfo> read(LakeEngine engine, int last) {
        return read(StreamIngest.streamsRoot(engine), last);
    }

    /** Every stream under {@code streamsRoot} (a lake's {@code .lakelens/streams}), newest start first, with its last {@code last} batches. */
    public static List<StreamInfo> read(Path streamsRoot, int last) {
        if (!Files.isDirectory(streamsRoot)) {
            return List.of();
        }
        List<StreamInfo> streams = new ArrayList<>();
        try (Stream<Path> homes = Files.list(streamsRoot)) {
            for (Path home : homes.filter(Files::isDirectory).toList()) {
                readOne(home, last).ifPresent(streams::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        streams.sort(Comparator.comparing(StreamInfo::started).reversed());
        return streams;
    }

    private static Optional<StreamInfo> readOne(Path home, int last) {
        Path aboutFile = home.resolve(ABOUT);
        if (!Files.isRegularFile(aboutFile)) {
            return Optional.empty(); // a stream from before the journal: nothing to show
        }
        try {
            JsonNode about = JSON.readTree(aboutFile.toFile());
            long pid = about.path("pid").asLong();
            Instant started = Instant.ofEpochMilli(about.path("started").asLong());
            List<Entry> recent = new ArrayList<>();
            Path batches = home.resolve(BATCHES);
            if (Files.isRegularFile(batches)) {
                List<String> lines = Files.readAllLines(batches, StandardCharsets.UTF_8);
                for (String l : lines.subList(Math.max(0, lines.size() - last), lines.size())) {
                    entry(l).ifPresent(recent::add);
                }
            }
            Instant processStarted = about.has("processStarted") ? Instant.ofEpochMilli(about.path("processStarted").asLong()) : null;
            boolean running = !about.has("stopped") && alive(pid, processStarted);
            return Optional.of(new StreamInfo(about.path("table").asText(), about.path("source").asText(),
                    about.path("format").asText(), pid, started, running, List.copyOf(recent)));
        } catch (IOException e) {
            return Optional.empty(); // being rewritten: the next read shows it
        }
    }

    private static Optional<Entry> entry(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return Optional.of(new Entry(n.path("batch").asLong(), n.path("version").asLong(), n.path("rows").asLong(),
                    n.path("files").asInt(), n.path("ms").asLong(), n.path("replayed").asBoolean(), n.path("lagMs").asLong(),
                    n.path("quarantined").asInt(), Instant.ofEpochMilli(n.path("at").asLong())));
        } catch (IOException e) {
            return Optional.empty(); // a line cut short by a process killed while writing it
        }
    }

    /** The process is alive and is the one that started the stream (not a later one given the same id). */
    private static boolean alive(long pid, Instant processStarted) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> processStarted == null || p.info().startInstant()
                        .map(s -> Duration.between(s, processStarted).abs().toSeconds() < 2).orElse(true))
                .orElse(false);
    }
}
