package io.lakelens.lake;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.lakelens.LakeLensException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens one table the way a listing needs: the folders, then the log at the latest version
 * replayed by Delta Kernel (protocol, metadata, checkpoint and every commit after it), so a
 * table that lists as ok is one whose log Delta can read. Data files are not read. Problems
 * Delta reads past (a stale or unreadable {@code _last_checkpoint}, a {@code .crc} that
 * disagrees with its commit, leftovers of an interrupted writer) become a note. Never writes.
 */
final class TableCheck {
    private TableCheck() {
    }

    /**
     * The one-line reason when the log holds no protocol or no metaData action in its commits
     * (Kernel may still take them from a checksum file; Spark's reader cannot), or null.
     */
    static String missingAction(LogFolder folder, String name) {
        String missing = folder.missingProtocolOrMetadata();
        if (missing == null) {
            return null;
        }
        return "The transaction log of table " + name + " holds no " + missing + " action (commits "
                + LogFolder.commitFile(folder.commits.firstKey()) + " to " + LogFolder.commitFile(folder.commits.lastKey())
                + "), so " + (missing.equals("metaData") ? "its schema" : "the Delta version it needs")
                + " is unknown and it cannot be read; nothing was changed. Restore _delta_log from a backup.";
    }

    static LakeTable check(LakeEngine engine, String name) {
        Path dir;
        LogFolder folder;
        try {
            dir = engine.requireTable(name);
            folder = LogFolder.of(dir);
        } catch (LakeLensException e) {
            return LakeTable.unreadable(name, e.getMessage());
        }
        String checkpoint = corruptCheckpoint(folder, name);
        if (checkpoint != null) {
            return LakeTable.unreadable(name, checkpoint);
        }
        // Kernel may take protocol and metadata from a checksum file; Spark's reader needs them in the log
        String missing = missingAction(folder, name);
        if (missing != null) {
            return LakeTable.unreadable(name, missing);
        }
        long files = 0;
        long bytes = 0;
        long rows = 0;
        long version;
        LakeTable.Summary summary;
        try {
            Snapshot snap = engine.snapshot(name, AsOf.LATEST);
            version = snap.getVersion();
            var scan = (io.delta.kernel.internal.ScanImpl) snap.getScanBuilder().build();
            try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine.kernel(), true)) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> it = batches.next().getRows()) {
                        while (it.hasNext()) {
                            Row scanRow = it.next();
                            files++;
                            bytes += InternalScanFileUtils.getAddFileStatus(scanRow).getSize();
                            rows = rows < 0 ? rows : addRows(rows, scanRow);
                        }
                    }
                }
            }
            summary = new LakeTable.Summary(version, files, bytes, rows, snap.getPartitionColumnNames(),
                    java.time.Instant.ofEpochMilli(snap.getTimestamp(engine.kernel())));
        } catch (LakeLensException e) {
            return LakeTable.refused(name, e);
        } catch (Exception e) { // Kernel's engine exceptions, unchecked or not
            return LakeTable.refused(name, Errors.forRead(name, AsOf.LATEST, e, dir));
        }
        return LakeTable.ok(name, String.join("; ", notes(folder, version, files, bytes)), summary);
    }

    /** {@code rows} plus the live rows of one scan file, or -1 once a file has no statistics. */
    private static long addRows(long rows, Row scanRow) {
        Row add = scanRow.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
        var schema = add.getSchema();
        int stats = schema.indexOf("stats");
        if (stats < 0 || add.isNullAt(stats)) {
            return -1;
        }
        try {
            var n = JSON.readTree(add.getString(stats)).get("numRecords");
            if (n == null || !n.canConvertToLong()) {
                return -1;
            }
            long live = n.asLong();
            var dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanRow);
            return rows + live - (dv == null ? 0 : dv.getCardinality());
        } catch (Exception e) {
            return -1;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * A Parquet checkpoint a reader would start from that is not Parquet (no {@code PAR1} at
     * both ends): Delta Kernel may read protocol and metadata from a checksum file instead and
     * open such a table, while Spark's reader fails on it. Reads 8 bytes per part.
     */
    private static String corruptCheckpoint(LogFolder folder, String name) {
        long v = folder.latestCheckpoint();
        if (v < 0) {
            return null;
        }
        for (String part : folder.checkpoints.get(v)) {
            if (!part.endsWith(".parquet")) {
                continue;
            }
            // A seekable channel rather than a FileChannel: the log may be in a bucket.
            try (var ch = java.nio.file.Files.newByteChannel(folder.log.resolve(part))) {
                long size = ch.size();
                var head = java.nio.ByteBuffer.allocate(4);
                var tail = java.nio.ByteBuffer.allocate(4);
                ch.position(0).read(head);
                ch.position(Math.max(0, size - 4)).read(tail);
                String magic = "PAR1";
                if (size < 12 || !magic.equals(new String(head.array(), java.nio.charset.StandardCharsets.US_ASCII))
                        || !magic.equals(new String(tail.array(), java.nio.charset.StandardCharsets.US_ASCII))) {
                    return "The checkpoint of table " + name + " at version " + v + " (_delta_log/" + part
                            + ") is corrupt (not a Parquet file); nothing was changed. Restore it from a backup, or delete it so "
                            + "Delta reads the commits before it.";
                }
            } catch (java.io.IOException e) {
                return "The checkpoint of table " + name + " at version " + v + " (_delta_log/" + part + ") cannot be read ("
                        + Errors.ioReason(e) + ").";
            }
        }
        return null;
    }

    private static List<String> notes(LogFolder folder, long version, long files, long bytes) {
        List<String> notes = new ArrayList<>();
        String last = folder.lastCheckpointProblem();
        if (last != null) {
            notes.add(last);
        }
        long[] crc = folder.checksumFilesAndBytes(version);
        if (crc != null && (crc[0] != files || crc[1] != bytes)) {
            notes.add(crc[0] < 0 ? "the checksum file of version " + version + " (" + String.format("_delta_log/%020d.crc", version)
                    + ") is unreadable; Delta does not need it to read"
                    : "the checksum file of version " + version + " (" + String.format("_delta_log/%020d.crc", version)
                    + ") disagrees with the log (" + crc[0] + " files, " + crc[1] + " bytes recorded; the log has " + files
                    + " files, " + bytes + " bytes); Delta does not need it to read");
        }
        if (!folder.temporary.isEmpty()) {
            notes.add(folder.temporary.size() + " leftover temporary file" + (folder.temporary.size() == 1 ? "" : "s")
                    + " of an interrupted writer in _delta_log (" + Errors.abbreviate(String.join(", ", folder.temporary))
                    + "), ignored by readers");
        }
        return notes;
    }
}
