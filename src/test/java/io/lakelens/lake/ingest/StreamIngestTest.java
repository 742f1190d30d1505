package io.lakelens.lake.ingest;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming JSON files into a table in-process: good files land, a malformed one is quarantined, nothing twice. */
class StreamIngestTest {
    @TempDir
    Path dir;

    @Test
    void jsonFilesLandOnceAndAMalformedFileGoesToQuarantineWithItsReason() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        LakeEngine engine = TestLakes.engine(dir.resolve("lake"));
        engine.write("quotes", "create", s -> {
            s.sql("SELECT 'SEED' AS symbol, CAST(1 AS DOUBLE) AS close")
                    .write().format("delta").save(engine.tablePath("quotes").toString());
            return null;
        });
        long before = engine.latestVersion("quotes");
        Files.writeString(in.resolve("a.json"), "{\"symbol\":\"AAA\",\"close\":10.5}\n{\"symbol\":\"AAA\",\"close\":11.0}\n"
                + "{\"symbol\":\"BBB\",\"close\":20.0}\n");
        Files.writeString(in.resolve("b.json"), "{\"symbol\":\"CCC\",\"close\":1.0}\n{\"symbol\":\"CCC\",\"close\":\n");

        List<StreamIngest.Batch> batches = new CopyOnWriteArrayList<>();
        StreamIngest stream = new StreamIngest(engine, "quotes", in, StreamIngest.Format.JSON).lastValues("symbol", "close");
        stream.onBatch(batches::add);
        stream.runAvailable();

        assertEquals(4L, engine.countRows("quotes", AsOf.LATEST), "the seed row and a.json's three");
        assertEquals(before + 1, engine.latestVersion("quotes"), "one commit for the batch");
        StreamIngest.Batch b = batches.getFirst();
        assertEquals(3, b.rows());
        assertEquals(Map.of("AAA", 11.0, "BBB", 20.0), b.lastValues());
        assertEquals(1, b.quarantined().size());
        assertTrue(Files.exists(stream.quarantine().resolve("b.json")));
        assertTrue(Files.readString(stream.quarantine().resolve("b.json.reason.txt")).startsWith("malformed line(s): 1"));
        assertFalse(Files.exists(in.resolve("b.json")));

        // the journal another process reads: what ran, how fast, how late, and that it stopped
        List<StreamJournal.StreamInfo> streams = StreamJournal.read(StreamIngest.streamsRoot(engine), 10);
        assertEquals(1, streams.size(), streams.toString());
        StreamJournal.StreamInfo info = streams.getFirst();
        assertEquals("quotes", info.table());
        assertEquals(in.toAbsolutePath().normalize().toString(), info.source());
        assertEquals("json", info.format());
        assertFalse(info.running(), "it stopped once the files there were in");
        assertEquals(3, info.rows());
        assertEquals(1, info.quarantined());
        StreamJournal.Entry last = info.last().orElseThrow();
        assertEquals(b.batchId(), last.batchId());
        assertEquals(b.version(), last.version());
        assertEquals(b.millis(), last.millis());
        assertEquals(b.lag().toMillis(), last.lagMillis());

        // started again with nothing new: nothing is written twice
        StreamIngest again = new StreamIngest(engine, "quotes", in, StreamIngest.Format.JSON);
        again.runAvailable();
        assertEquals(4L, engine.countRows("quotes", AsOf.LATEST));
        assertEquals(before + 1, engine.latestVersion("quotes"));
    }

    @Test
    void aSourceInsideTheLakeOrMissingIsRefusedInOneLine() throws IOException {
        LakeEngine engine = TestLakes.engine(dir.resolve("lake"));
        engine.write("t", "create", s -> {
            s.sql("SELECT 1 AS id").write().format("delta").save(engine.tablePath("t").toString());
            return null;
        });
        LakeLensException missing = assertThrows(LakeLensException.class,
                () -> new StreamIngest(engine, "t", dir.resolve("nope"), StreamIngest.Format.CSV));
        assertTrue(missing.getMessage().contains("is not a folder to stream from"), missing.getMessage());
        Path inside = Files.createDirectories(dir.resolve("lake").resolve("drop"));
        LakeLensException lake = assertThrows(LakeLensException.class,
                () -> new StreamIngest(engine, "t", inside, StreamIngest.Format.CSV));
        assertTrue(lake.getMessage().startsWith("Stream from a folder outside the lake"), lake.getMessage());
        assertThrows(LakeLensException.class, () -> new StreamIngest(engine, "absent", dir, StreamIngest.Format.CSV));
    }
}
