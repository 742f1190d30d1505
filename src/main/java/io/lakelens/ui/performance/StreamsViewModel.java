package io.lakelens.ui.performance;

import io.lakelens.lake.ingest.StreamJournal;
import io.lakelens.ui.kit.PeriodicRead;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Streams section of the Performance tab: every {@code lakelens stream} of the lake, running
 * or stopped, with its rows/s, batch latency and lag, and the selected stream's recent batches
 * for its charts. The streams run in processes of their own; this reads their journals in the
 * background every {@link #PERIOD} while the section is shown.
 */
public final class StreamsViewModel implements AutoCloseable {
    /** How often the journals are read while shown. */
    public static final Duration PERIOD = Duration.ofSeconds(2);
    /** Batches kept for the charts of the selected stream. */
    public static final int BATCHES = 120;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /**
     * One stream as the table shows it; the figures are of its last batch, {@code rowsPerSecond}
     * over its recent batches.
     */
    public record StreamRow(String table, String source, String format, boolean running, int batches, long rows,
                            double rowsPerSecond, long lastBatchMillis, double lagSeconds, int quarantined, Instant lastBatchAt) {
        public String state() {
            return running ? "running" : "stopped";
        }

        boolean sameStream(StreamRow other) {
            return other != null && table.equals(other.table) && source.equals(other.source);
        }
    }

    private final Supplier<List<StreamJournal.StreamInfo>> journals;
    private final TaskExecutor tasks;
    private final ObservableList<StreamRow> streams = FXCollections.observableArrayList();
    private final ObservableList<StreamJournal.Entry> batches = FXCollections.observableArrayList();
    private final ObjectProperty<StreamRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper updated = new ReadOnlyStringWrapper("Not read yet.");
    private List<StreamJournal.StreamInfo> last = List.of();
    private final PeriodicRead reading;

    /** @param journals reads the lake's stream journals (on a worker thread) */
    public StreamsViewModel(Supplier<List<StreamJournal.StreamInfo>> journals, TaskExecutor tasks) {
        this.journals = journals;
        this.tasks = tasks;
        this.reading = new PeriodicRead(PERIOD, this::readNow, tasks);
        selected.addListener((o, a, b) -> showBatches());
    }

    public ObservableList<StreamRow> streams() {
        return streams;
    }

    /** The recent batches of the selected stream, oldest first. */
    public ObservableList<StreamJournal.Entry> batches() {
        return batches;
    }

    /** The stream whose batches are charted; the newest stream when none was chosen. */
    public ObjectProperty<StreamRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty updatedProperty() {
        return updated.getReadOnlyProperty();
    }

    /** Reads now and then every {@link #PERIOD} until {@link #stopRefreshing()}. */
    public void startRefreshing() {
        reading.start();
    }

    public void stopRefreshing() {
        reading.stop();
    }

    /** Reads once in the background; completes once the properties show the result. */
    public CompletableFuture<Void> refresh() {
        return reading.once();
    }

    void readNow() {
        List<StreamJournal.StreamInfo> read = journals.get();
        Instant at = Instant.now();
        tasks.ui(() -> show(read, at));
    }

    private void show(List<StreamJournal.StreamInfo> read, Instant at) {
        last = read;
        List<StreamRow> rows = read.stream().map(StreamsViewModel::row).toList();
        StreamRow was = selected.get();
        streams.setAll(rows);
        StreamRow now = rows.stream().filter(r -> r.sameStream(was)).findFirst().orElse(rows.isEmpty() ? null : rows.getFirst());
        if (Objects.equals(now, was)) {
            showBatches();
        } else {
            selected.set(now); // the listener shows its batches
        }
        updated.set((rows.isEmpty() ? "No stream yet" : rows.size() + (rows.size() == 1 ? " stream" : " streams"))
                + " · read " + CLOCK.format(at));
    }

    private void showBatches() {
        StreamRow s = selected.get();
        List<StreamJournal.Entry> recent = s == null ? List.of() : last.stream()
                .filter(i -> i.table().equals(s.table()) && i.source().equals(s.source()))
                .findFirst().map(StreamJournal.StreamInfo::recent).orElse(List.of());
        batches.setAll(recent.subList(Math.max(0, recent.size() - BATCHES), recent.size()));
    }

    private static StreamRow row(StreamJournal.StreamInfo i) {
        StreamJournal.Entry e = i.last().orElse(null);
        return new StreamRow(i.table(), i.source(), i.format(), i.running(), i.recent().size(), i.rows(), i.rowsPerSecond(),
                e == null ? 0 : e.millis(), e == null ? 0 : e.lagMillis() / 1000.0, i.quarantined(),
                e == null ? null : e.committedAt());
    }

    /** "12,345 rows/s" and the like, for the table and the tests. */
    static String rate(double rowsPerSecond) {
        return String.format(Locale.ROOT, rowsPerSecond < 100 ? "%,.1f" : "%,.0f", rowsPerSecond);
    }

    @Override
    public void close() {
        stopRefreshing();
    }
}
