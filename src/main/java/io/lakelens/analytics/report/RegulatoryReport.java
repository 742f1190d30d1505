package io.lakelens.analytics.report;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AuditReport;
import io.lakelens.lake.CommitMetadata;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimelineNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report an examiner can read about one table over a period of versions: the commits by
 * operation, user and reason; rows added, changed and deleted; restores and erasures with
 * their reasons; schema changes; integrity verification of the recorded checksums (recomputed
 * for the report); data-quality findings; and the full commit list. Built once, written as PDF
 * or HTML with the same content by {@link ReportWriter}. Immutable.
 *
 * @param checksumNote why checksums could not be read, else empty
 * @param quality      the data-quality findings, or null when they were not checked
 */
public record RegulatoryReport(String table, String lake, long fromVersion, long toVersion, Instant fromTime, Instant toTime,
                               Instant generatedAt, String generatedBy, List<TimelineNode> commits, List<String> unreadable,
                               List<SchemaChange> schemaChanges, List<AuditReport.ChecksumLine> checksums, String checksumNote,
                               QualitySection quality) {

    /** Gathers the report; reading only (checksums are recomputed, never recorded). */
    public static RegulatoryReport build(LakeEngine engine, String table, AsOf from, AsOf to, QualitySection quality) {
        AuditReport audit = AuditReport.build(engine, table, from, to, null, true);
        if (audit.commits().isEmpty()) {
            throw new LakeLensException("No commit of " + table + " lies between versions " + audit.fromVersion() + " and "
                    + audit.toVersion() + ".");
        }
        return new RegulatoryReport(table, engine.lakeRoot().toString(), audit.fromVersion(), audit.toVersion(),
                audit.commits().getFirst().timestamp(), audit.commits().getLast().timestamp(), Instant.now(),
                CommitMetadata.currentUser(), audit.commits(), audit.unreadableWhy(),
                audit.schemaChanges().stream().filter(c -> c.kind() != SchemaChange.Kind.CREATED || c.version() > 0).toList(),
                audit.checksums(), audit.checksumNote(), quality);
    }

    /** Commits per operation, most frequent first. */
    public Map<String, Long> byOperation() {
        return countBy(n -> n.operation());
    }

    public Map<String, Long> byUser() {
        return countBy(n -> n.user() == null || n.user().isBlank() ? "(unknown)" : n.user());
    }

    /** Commits per recorded reason; commits without one count under "(no reason recorded)". */
    public Map<String, Long> byReason() {
        return countBy(n -> n.reason() == null || n.reason().isBlank() ? "(no reason recorded)" : n.reason());
    }

    private Map<String, Long> countBy(java.util.function.Function<TimelineNode, String> f) {
        Map<String, Long> m = new TreeMap<>();
        commits.forEach(n -> m.merge(f.apply(n), 1L, Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    public long rowsAdded() {
        return commits.stream().mapToLong(TimelineNode::rowsAdded).sum();
    }

    public long rowsChanged() {
        return commits.stream().mapToLong(TimelineNode::rowsUpdated).sum();
    }

    public long rowsDeleted() {
        return commits.stream().mapToLong(TimelineNode::rowsRemoved).sum();
    }

    public List<TimelineNode> restores() {
        return commits.stream().filter(n -> n.kind() == OperationKind.RESTORE).toList();
    }

    /** Commits that deleted rows: erasures, removals and corrections by deletion. */
    public List<TimelineNode> erasures() {
        return commits.stream().filter(n -> n.kind() == OperationKind.DELETE).toList();
    }

    /** What a RESTORE commit went back to, from its parameters. */
    public static String restoredTo(TimelineNode n) {
        Map<String, String> p = n.commit().operationParameters();
        if (p.containsKey("version")) {
            return "version " + p.get("version");
        }
        return p.containsKey("timestamp") ? "time " + p.get("timestamp") : "";
    }

    /** Whether every recorded checksum in the period verified. */
    public boolean integrityOk() {
        return checksumNote.isEmpty() && checksums.stream().allMatch(AuditReport.ChecksumLine::ok);
    }

    /** The charts both formats draw. */
    List<BarChart> charts() {
        List<BarChart> out = new ArrayList<>();
        Map<String, Long> ops = byOperation();
        out.add(new BarChart("Commits by operation", "", new ArrayList<>(ops.keySet()),
                List.of(new BarChart.Series("commits", "accent", ops.values().stream().mapToDouble(Long::doubleValue).toArray())),
                false, false));
        List<String> versions = commits.stream().map(n -> "v" + n.version()).toList();
        out.add(new BarChart("Rows added, changed and deleted per version", "logarithmic scale", versions, List.of(
                new BarChart.Series("added", "good", commits.stream().mapToDouble(TimelineNode::rowsAdded).toArray()),
                new BarChart.Series("changed", "op-update", commits.stream().mapToDouble(TimelineNode::rowsUpdated).toArray()),
                new BarChart.Series("deleted", "bad", commits.stream().mapToDouble(TimelineNode::rowsRemoved).toArray())),
                false, true));
        if (quality != null && !quality.trend().isEmpty()) {
            out.add(new BarChart("Data-quality findings per version", "", quality.trend().stream().map(p -> "v" + p.version()).toList(),
                    List.of(new BarChart.Series("findings", "bad", quality.trend().stream().mapToDouble(QualitySection.Point::findings)
                            .toArray())), false, false));
        }
        return out;
    }
}
