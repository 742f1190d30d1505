package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an audit report of a table over a version range says: its commits (who, when, why,
 * what), schema changes, stored checksums (re-verified when asked) and, when a key was chosen,
 * that row's trail. Built once, then written as HTML or CSV by {@link AuditExport}.
 *
 * @param checksumsVerified true when each checksum was recomputed for the report
 * @param checksumNote      why checksums are missing, when the sidecar could not be read; else empty
 * @param trail             the chosen row's history within the range, or null when no key was chosen
 */
public record AuditReport(String table, long fromVersion, long toVersion, Instant generatedAt, String generatedBy,
                          String lake, List<TimelineNode> commits, List<String> unreadableWhy,
                          List<SchemaChange> schemaChanges, List<ChecksumLine> checksums, boolean checksumsVerified,
                          String checksumNote, RowTrail trail) {

    /**
     * One stored checksum as the report lists it.
     *
     * @param status {@code recorded} (not re-verified), or the verification outcome's label
     * @param ok     false when the line needs a person's attention
     */
    public record ChecksumLine(long version, String status, boolean ok, long rowCount, String fingerprint,
                               Instant recordedAt, String recordedBy, String message) {
    }

    /**
     * Gathers a report. {@code keyText} null or blank means no per-row trail; {@code verify}
     * recomputes every stored checksum in the range (a full scan per version).
     */
    public static AuditReport build(LakeEngine engine, String table, AsOf from, AsOf to, String keyText, boolean verify) {
        TimeTravel tt = new TimeTravel(engine);
        Timeline timeline = tt.timeline(table);
        long lo = timeline.resolve(from);
        long hi = timeline.resolve(to);
        if (lo > hi) {
            throw new LakeLensException("The report range runs backwards (" + lo + " to " + hi + "); give the older version first.");
        }
        List<TimelineNode> commits = timeline.nodes().stream().filter(n -> n.version() >= lo && n.version() <= hi).toList();
        List<String> why = commits.stream().filter(n -> !n.readable()).map(timeline::whyUnreadable).toList();
        List<SchemaChange> schema = timeline.schemaChanges().stream().filter(c -> c.version() >= lo && c.version() <= hi).toList();

        Integrity integrity = new Integrity(engine);
        List<ChecksumLine> lines = new ArrayList<>();
        String note = "";
        try {
            List<Integrity.Record> records = integrity.records(table).stream()
                    .filter(r -> r.checksum().version() >= lo && r.checksum().version() <= hi).toList();
            if (verify) {
                for (long v : records.stream().map(r -> r.checksum().version()).distinct().toList()) {
                    Integrity.Verification ver = integrity.verify(table, v, false);
                    Integrity.Checksum c = ver.actual() != null ? ver.actual() : ver.expected();
                    lines.add(new ChecksumLine(v, ver.status().label(), ver.status().ok(), c == null ? -1 : c.rowCount(), c == null ? "" : c.fingerprint(),
                            ver.recordedAt(), ver.recordedBy(), ver.message()));
                }
            } else {
                for (Integrity.Record r : records) {
                    lines.add(new ChecksumLine(r.checksum().version(), r.intact() ? "recorded" : Integrity.Status.RECORD_DAMAGED.label(), r.intact(),
                            r.checksum().rowCount(), r.checksum().fingerprint(), r.recordedAt(), r.recordedBy(),
                            r.intact() ? "recorded; not re-verified for this report" : "stored record damaged (digest mismatch)"));
                }
            }
        } catch (LakeLensException e) {
            note = e.getMessage();
        }

        RowTrail trail = null;
        if (keyText != null && !keyText.isBlank()) {
            RowTrail full = tt.trail(table, keyText);
            List<RowEvent> inRange = full.events().stream().filter(e -> e.version() >= lo && e.version() <= hi).toList();
            trail = new RowTrail(full.table(), full.key(), Math.max(lo, full.fromVersion()), Math.min(hi, full.toVersion()),
                    inRange, full.truncated(), full.note());
        }
        return new AuditReport(table, lo, hi, Instant.now(), CommitMetadata.currentUser(), engine.lakeRoot().toString(),
                commits, why, schema, List.copyOf(lines), verify, note, trail);
    }
}
