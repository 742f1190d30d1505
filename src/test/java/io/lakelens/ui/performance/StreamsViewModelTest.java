package io.lakelens.ui.performance;

import io.lakelens.TestLakes;
import io.lakelens.ViewModelTest;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.ingest.StreamIngest;
import io.lakelens.lake.ingest.StreamJournal;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Streams section's model over the journals of real streams: one that ran and stopped, one running. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ViewModelTest
class StreamsViewModelTest {
    @TempDir
    Path dir;

    @Test
    void showsEachStreamsRowsRateLatencyLagAndStateAndChartsTheSelectedOnesBatches() throws Exception {
        LakeEngine engine = TestLakes.engine(dir.resolve("lake"));
        engine.write("ticks", "create", s -> {
            s.sql("SELECT 'SEED' AS symbol, CAST(1 AS DOUBLE) AS close")
                    .write().format("delta").save(engine.tablePath("ticks").toString());
            return null;
        });
        StreamsViewModel model = new StreamsViewModel(() -> StreamJournal.read(engine, StreamsViewModel.BATCHES),
                new CurrentThreadTaskExecutor());
        model.refresh().get(1, TimeUnit.MINUTES);
        assertTrue(model.streams().isEmpty());
        assertNull(model.selectedProperty().get());
        assertTrue(model.updatedProperty().get().startsWith("No stream yet"), model.updatedProperty().get());

        // a stream that took two files in two batches (three rows, then one) and stopped
        Path a = Files.createDirectories(dir.resolve("in-a"));
        Files.writeString(a.resolve("1.csv"), "symbol,close\nAAA,1.5\nBBB,2.5\nCCC,3.5\n");
        Files.writeString(a.resolve("2.csv"), "symbol,close\nDDD,4.5\n");
        Files.setLastModifiedTime(a.resolve("2.csv"), FileTime.fromMillis(Files.getLastModifiedTime(a.resolve("1.csv")).toMillis() + 1000));
        new StreamIngest(engine, "ticks", a, StreamIngest.Format.CSV).maxFilesPerBatch(1).runAvailable();

        // a second stream, still running when it is read
        Path b = Files.createDirectories(dir.resolve("in-b"));
        Files.writeString(b.resolve("1.csv"), "symbol,close\nEEE,5.5\nFFF,6.5\n");
        CountDownLatch firstBatch = new CountDownLatch(1);
        StreamIngest running = new StreamIngest(engine, "ticks", b, StreamIngest.Format.CSV);
        running.onBatch(x -> firstBatch.countDown());
        running.start(Duration.ofMillis(200));
        try {
            assertTrue(firstBatch.await(2, TimeUnit.MINUTES), "the running stream's first batch");
            model.refresh().get(1, TimeUnit.MINUTES);
            assertEquals(2, model.streams().size(), model.streams().toString());
            StreamsViewModel.StreamRow newest = model.streams().getFirst();
            assertEquals(b.toAbsolutePath().toString(), newest.source());
            assertEquals("running", newest.state());
            assertEquals(2, newest.rows());
            assertEquals(newest, model.selectedProperty().get(), "the newest stream is charted when none was chosen");
            assertEquals(1, model.batches().size());
        } finally {
            running.stop();
        }

        model.refresh().get(1, TimeUnit.MINUTES);
        StreamsViewModel.StreamRow stopped = model.streams().getFirst();
        assertEquals("stopped", stopped.state());
        StreamsViewModel.StreamRow first = model.streams().get(1);
        assertEquals("ticks", first.table());
        assertEquals(a.toAbsolutePath().toString(), first.source());
        assertEquals("csv", first.format());
        assertEquals("stopped", first.state());
        assertEquals(2, first.batches());
        assertEquals(4, first.rows());
        assertEquals(0, first.quarantined());
        assertTrue(first.rowsPerSecond() > 0 && first.lastBatchMillis() > 0, first.toString());
        assertTrue(first.lagSeconds() >= 0, first.toString());

        // choosing a stream charts its batches, and the choice survives the next read
        model.selectedProperty().set(first);
        List<Long> rows = model.batches().stream().map(StreamJournal.Entry::rows).toList();
        assertEquals(List.of(3L, 1L), rows);
        model.refresh().get(1, TimeUnit.MINUTES);
        assertEquals(a.toAbsolutePath().toString(), model.selectedProperty().get().source());
        assertEquals(2, model.batches().size());
        assertFalse(model.updatedProperty().get().startsWith("No stream"), model.updatedProperty().get());
    }
}
