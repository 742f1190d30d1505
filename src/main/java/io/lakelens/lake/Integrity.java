package io.lakelens.lake;

import io.lakelens.LakeLensException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Content checksums of table versions, kept in a sidecar Delta table {@value #SIDECAR} in the
 * lake. A checksum is the row count plus an order-independent hash of all rows (the sum of
 * xxhash64 over every column and a null mask, as a 38-digit decimal so it cannot overflow),
 * the schema's hash and the table's id. Verification recomputes it and compares.
 *
 * <p>Crash safety: a record only counts once its Delta commit exists, so a half-written append
 * is invisible; each record also carries a SHA-256 digest of its own fields, and a record
 * whose digest does not match is reported as damaged. Neither ever reports a pass, and an
 * unreadable sidecar is an error, never a pass. Thread-safe; writes go through
 * {@link LakeEngine#write} (refused on read-only lakes).
 */
public final class Integrity {
    /** The sidecar table in the lake that stores checksums. */
    public static final String SIDECAR = "_lakelens_integrity";

    private static final StructType SCHEMA = new StructType()
            .add("table_name", DataTypes.StringType, false)
            .add("version", DataTypes.LongType, false)
            .add("table_id", DataTypes.StringType, false)
            .add("row_count", DataTypes.LongType, false)
            .add("content_hash", DataTypes.StringType, false)
            .add("schema_hash", DataTypes.StringType, false)
            .add("file_count", DataTypes.IntegerType, false)
            .add("bytes", DataTypes.LongType, false)
            .add("recorded_at", DataTypes.TimestampType, false)
            .add("recorded_by", DataTypes.StringType, false)
            .add("record_digest", DataTypes.StringType, false);

    /**
     * What a version's content hashes to.
     *
     * @param contentHash sum of per-row hashes, decimal digits
     * @param schemaHash  SHA-256 prefix of the column names and types
     */
    public record Checksum(String table, long version, String tableId, long rowCount, String contentHash, String schemaHash,
                           int fileCount, long bytes) {

        /** A short, human-comparable form of the checksum. */
        public String fingerprint() {
            return sha256(tableId + "|" + rowCount + "|" + contentHash + "|" + schemaHash).substring(0, 16);
        }

        boolean sameContent(Checksum other) {
            return other != null && tableId.equals(other.tableId) && rowCount == other.rowCount
                    && contentHash.equals(other.contentHash) && schemaHash.equals(other.schemaHash);
        }
    }

    /** A stored checksum; {@code intact} is false when its digest does not match its fields. */
    public record Record(Checksum checksum, Instant recordedAt, String recordedBy, boolean intact) {
    }

    public enum Status {
        PASSED("passed", true),
        RECORDED("recorded now", true),
        MISMATCH("content changed", false),
        FILES_MISSING("files missing", false),
        NOT_RECORDED("no checksum recorded", false),
        RECORD_DAMAGED("stored record damaged", false);

        private final String label;
        private final boolean ok;

        Status(String label, boolean ok) {
            this.label = label;
            this.ok = ok;
        }

        public String label() {
            return label;
        }

        /** True for a pass or a fresh record; everything else needs a person to look. */
        public boolean ok() {
            return ok;
        }

        /** True when the check found a problem (not merely no record to compare with). */
        public boolean failed() {
            return this == MISMATCH || this == FILES_MISSING || this == RECORD_DAMAGED;
        }
    }

    /**
     * The outcome of checking one version.
     *
     * @param expected the stored checksum, or null when none is stored
     * @param actual   the checksum computed now, or null when the version could not be read
     */
    public record Verification(String table, long version, Status status, Checksum expected, Checksum actual,
                               Instant recordedAt, String recordedBy, String message) {
    }

    private final LakeEngine engine;
    private final TimeTravel timeTravel;

    public Integrity(LakeEngine engine) {
        this.engine = engine;
        this.timeTravel = new TimeTravel(engine);
    }

    /** Computes a version's checksum (a full scan of that version). The version must be readable. */
    public Checksum compute(String table, long version) {
        TableLog log = timeTravel.log(table);
        Timeline timeline = Timeline.of(log);
        timeline.requireReadable(version);
        return compute(log, table, version);
    }

    private Checksum compute(TableLog log, String table, long version) {
        AsOf at = new AsOf.Version(version);
        Dataset<Row> df = engine.read(table, at);
        StructField[] fields = df.schema().fields().clone();
        Arrays.sort(fields, Comparator.comparing(StructField::name));
        List<Column> parts = new ArrayList<>();
        List<Column> nulls = new ArrayList<>();
        StringBuilder schemaText = new StringBuilder();
        for (StructField f : fields) {
            Column c = ColumnValues.col(f.name());
            // Without the mask, (null, x) and (x, null) hash alike: xxhash64 skips nulls.
            nulls.add(when(c.isNull(), lit("1")).otherwise(lit("0")));
            parts.add(f.dataType() instanceof MapType ? to_json(c) : c);
            schemaText.append(f.name()).append(':').append(f.dataType().catalogString()).append(';');
        }
        List<Column> hashed = new ArrayList<>();
        hashed.add(concat_ws("", nulls.toArray(Column[]::new)));
        hashed.addAll(parts);
        Column rowHash = xxhash64(hashed.toArray(Column[]::new)).cast("decimal(38,0)");
        Row r = engine.readAction(table, at, () -> df.agg(count(lit(1)), sum(rowHash)).collectAsList().get(0));
        String content = r.isNullAt(1) ? "0" : r.getDecimal(1).toPlainString();
        String tableId = log.metadataAt(version).map(TableLog.Metadata::id).orElse("");
        return new Checksum(table, version, tableId, r.getLong(0), content, sha256(schemaText.toString()).substring(0, 16),
                log.activeFiles(version).size(), log.bytes(version));
    }

    /** Stored checksums of a table, oldest version first. An unreadable sidecar is an error. */
    public List<Record> records(String table) {
        engine.tablePath(table);
        Path dir = engine.tablePath(SIDECAR);
        if (!Files.isDirectory(dir.resolve("_delta_log"))) {
            return List.of(); // never written, or its first write never committed
        }
        AsOf at = AsOf.LATEST;
        List<Row> rows;
        try {
            Dataset<Row> df = engine.read(SIDECAR, at).filter(ColumnValues.col("table_name").equalTo(lit(table)));
            rows = engine.readAction(SIDECAR, at, df::collectAsList);
        } catch (LakeLensException e) {
            throw new LakeLensException("The integrity records (" + SIDECAR + ") cannot be read, so no version can be "
                    + "verified: " + e.getMessage(), e);
        }
        List<Record> out = new ArrayList<>();
        for (Row r : rows) {
            Checksum c = new Checksum(r.getString(r.fieldIndex("table_name")), r.getLong(r.fieldIndex("version")),
                    r.getString(r.fieldIndex("table_id")), r.getLong(r.fieldIndex("row_count")),
                    r.getString(r.fieldIndex("content_hash")), r.getString(r.fieldIndex("schema_hash")),
                    r.getInt(r.fieldIndex("file_count")), r.getLong(r.fieldIndex("bytes")));
            Instant at2 = r.getTimestamp(r.fieldIndex("recorded_at")).toInstant();
            String by = r.getString(r.fieldIndex("recorded_by"));
            boolean intact = digest(c, at2, by).equals(r.getString(r.fieldIndex("record_digest")));
            out.add(new Record(c, at2, by, intact));
        }
        out.sort(Comparator.comparingLong((Record rec) -> rec.checksum().version()).thenComparing(Record::recordedAt));
        return out;
    }

    /** Computes and stores a version's checksum. Refused on read-only lakes and unreadable versions. */
    public Checksum record(String table, long version) {
        Checksum c = compute(table, version);
        store(c);
        return c;
    }

    void store(Checksum c) {
        if (engine.config().readOnly()) {
            throw new LakeLensException("The lake " + engine.lakeRoot() + " is open read-only; checksums cannot be recorded "
                    + "(open it without --read-only).");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String by = CommitMetadata.currentUser();
        Row row = RowFactory.create(c.table(), c.version(), c.tableId(), c.rowCount(), c.contentHash(), c.schemaHash(),
                c.fileCount(), c.bytes(), Timestamp.from(now), by, digest(c, now, by));
        String path = engine.tablePath(SIDECAR).toString();
        engine.write(SIDECAR, "integrity checksum of " + c.table() + " version " + c.version(), session -> {
            session.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").save(path);
            return null;
        });
    }

    /**
     * Verifies one version against its stored checksum. With {@code recordIfMissing} a version
     * without one gets it recorded (status {@link Status#RECORDED}) unless the lake is read-only.
     */
    public Verification verify(String table, long version, boolean recordIfMissing) {
        TableLog log = timeTravel.log(table);
        Timeline timeline = Timeline.of(log);
        timeline.requireExists(version);
        return verify(log, timeline, table, version, recordIfMissing, records(table));
    }

    /**
     * Verifies every version with a stored checksum and, with {@code recordLatest}, records the
     * latest version's checksum when it has none. Versions in ascending order.
     */
    public List<Verification> verifyAll(String table, boolean recordLatest) {
        TableLog log = timeTravel.log(table);
        Timeline timeline = Timeline.of(log);
        List<Record> records = records(table);
        TreeSet<Long> versions = new TreeSet<>();
        records.forEach(r -> versions.add(r.checksum().version()));
        if (recordLatest) {
            versions.add(timeline.latest());
        }
        List<Verification> out = new ArrayList<>();
        for (long v : versions) {
            out.add(verify(log, timeline, table, v, recordLatest && v == timeline.latest(), records));
        }
        return out;
    }

    private Verification verify(TableLog log, Timeline timeline, String table, long version, boolean recordIfMissing,
                                List<Record> all) {
        String tableId = log.metadataAt(version).map(TableLog.Metadata::id).orElse("");
        List<Record> mine = all.stream().filter(r -> r.checksum().version() == version).toList();
        Record damaged = mine.stream().filter(r -> !r.intact()).findFirst().orElse(null);
        // Records of an earlier table that had the same name do not describe this one.
        Record stored = mine.stream().filter(Record::intact).filter(r -> r.checksum().tableId().equals(tableId))
                .reduce((a, b) -> b).orElse(null);
        if (damaged != null) {
            return new Verification(table, version, Status.RECORD_DAMAGED, damaged.checksum(), null, damaged.recordedAt(),
                    damaged.recordedBy(), "The stored checksum of version " + version + " was altered or half-written "
                    + "(its digest does not match); it cannot vouch for this version.");
        }
        TimelineNode node = timeline.node(version).orElseThrow();
        if (!node.readable()) {
            return new Verification(table, version, Status.FILES_MISSING, stored == null ? null : stored.checksum(), null,
                    stored == null ? null : stored.recordedAt(), stored == null ? "" : stored.recordedBy(),
                    timeline.whyUnreadable(node));
        }
        Checksum actual = compute(log, table, version);
        if (stored == null) {
            if (recordIfMissing && !engine.config().readOnly()) {
                store(actual);
                return new Verification(table, version, Status.RECORDED, actual, actual, Instant.now(),
                        CommitMetadata.currentUser(), "Checksum of version " + version + " recorded (" + actual.rowCount()
                        + " rows, " + actual.fingerprint() + "); later checks compare against it.");
            }
            return new Verification(table, version, Status.NOT_RECORDED, null, actual, null, "",
                    "No checksum of version " + version + " is stored" + (engine.config().readOnly()
                            ? " and the lake is read-only, so none was recorded." : "; record one to verify it later."));
        }
        if (actual.sameContent(stored.checksum())) {
            return new Verification(table, version, Status.PASSED, stored.checksum(), actual, stored.recordedAt(),
                    stored.recordedBy(), "Version " + version + " matches the checksum recorded " + stored.recordedAt()
                    + " (" + actual.rowCount() + " rows, " + actual.fingerprint() + ").");
        }
        Checksum e = stored.checksum();
        List<String> what = new ArrayList<>();
        if (e.rowCount() != actual.rowCount()) {
            what.add("rows " + e.rowCount() + " → " + actual.rowCount());
        }
        if (!e.contentHash().equals(actual.contentHash())) {
            what.add("content hash differs");
        }
        if (!e.schemaHash().equals(actual.schemaHash())) {
            what.add("schema differs");
        }
        return new Verification(table, version, Status.MISMATCH, e, actual, stored.recordedAt(), stored.recordedBy(),
                "Version " + version + " no longer matches the checksum recorded " + stored.recordedAt() + ": "
                        + String.join(", ", what) + ".");
    }

    private static String digest(Checksum c, Instant at, String by) {
        return sha256(String.join("|", c.table(), String.valueOf(c.version()), c.tableId(), String.valueOf(c.rowCount()),
                c.contentHash(), c.schemaHash(), String.valueOf(c.fileCount()), String.valueOf(c.bytes()),
                String.valueOf(at.toEpochMilli()), Objects.toString(by, "")));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
