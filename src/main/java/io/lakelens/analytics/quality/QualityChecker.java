package io.lakelens.analytics.quality;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheKeys;
import io.lakelens.cache.TableVersions;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.OperationKind;
import io.lakelens.lake.SchemaChange;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.lake.TimelineNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.when;

/**
 * Checks a table's data quality at every version of a range and follows each finding from the
 * commit that introduced it to the commit that fixed it, by comparing the findings of
 * consecutive versions. A commit that changes no rows (OPTIMIZE, VACUUM, a property change)
 * keeps the previous version's findings without a read. Each version is read once with every
 * row rule in one pass (window functions for duplicates, jumps and staleness); the rules are
 * built with the DataFrame API from quoted column names, never from text. Findings per version
 * are cached under version keys for an hour (they can never change).
 *
 * <p>Read-only; blocking (call from a background thread); thread-safe. Cancel through the
 * {@link CancelHandle}.
 */
public final class QualityChecker {
    /** Findings kept per version; rows beyond are counted, not listed. */
    static final int KEEP = 20_000;
    private static final String CODEC = "quality/1";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final LakeEngine engine;
    private final Supplier<Cache> cache;
    private final Supplier<TableVersions> versions;
    private final RuleStore store;

    /** Progress of a check: a step for people and the share done, 0 to 1. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (step, fraction) -> { };

        void report(String step, double fraction);
    }

    /** One version's findings, as cached. */
    record Checked(List<Finding> findings, Map<Rule, Long> counts, boolean truncated) {
    }

    /** Rows behind a finding. */
    public record RowSample(List<String> columns, List<List<Object>> rows) {
    }

    public QualityChecker(LakeEngine engine) {
        this(engine, null, null);
    }

    public QualityChecker(LakeEngine engine, Supplier<Cache> cache, Supplier<TableVersions> versions) {
        this.engine = engine;
        this.cache = cache;
        this.versions = versions;
        this.store = new RuleStore(engine.lakeRoot(), engine.config().readOnly());
    }

    public RuleStore rules() {
        return store;
    }

    /** The rules in force for a table: those set for it, else the defaults for its latest schema. */
    public QualityRules rulesFor(String table) {
        return store.get(table).orElseGet(() -> QualityRules.defaults(table, engine.read(table, AsOf.LATEST).schema()));
    }

    /**
     * Checks every version from {@code since} (default the oldest in the log) to {@code version}
     * (default latest).
     */
    public QualityReport check(String table, AsOf version, AsOf since, CancelHandle cancel, Progress progress) {
        long t0 = System.nanoTime();
        Progress p = progress == null ? Progress.NONE : progress;
        p.report("Reading the history of " + table, 0.01);
        Timeline timeline = new TimeTravel(engine).timeline(table);
        long to = timeline.resolve(version == null ? AsOf.LATEST : version);
        long from = since == null ? timeline.earliest() : timeline.resolve(since);
        if (from > to) {
            throw new io.lakelens.LakeLensException("--since " + from + " is after --version " + to + "; give the older version first.");
        }
        QualityRules rules = rulesFor(table);
        List<TimelineNode> nodes = timeline.nodes().stream().filter(n -> n.version() >= from && n.version() <= to).toList();
        SparkSession spark = engine.spark();

        List<QualityReport.VersionCheck> trend = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Finding> current = new LinkedHashMap<>();
        Map<String, QualityReport.CommitRef> since0 = new LinkedHashMap<>();
        Map<String, Boolean> before = new LinkedHashMap<>();
        List<QualityReport.TrackedFinding> done = new ArrayList<>();
        Checked previous = null;
        boolean first = true;
        for (int i = 0; i < nodes.size(); i++) {
            TimelineNode n = nodes.get(i);
            p.report("Checking version " + n.version() + " (" + n.operation() + ")", 0.05 + 0.9 * i / nodes.size());
            if (!n.readable()) {
                notes.add("Version " + n.version() + " was not checked: " + timeline.whyUnreadable(n));
                continue;
            }
            boolean carried = previous != null && changesNoRows(n);
            Checked checked = carried ? previous : checkVersion(table, n.version(), rules, spark, cancel);
            List<Finding> all = new ArrayList<>(checked.findings());
            Map<Rule, Long> counts = new EnumMap<>(Rule.class);
            counts.putAll(checked.counts());
            if (rules.enabled(Rule.SCHEMA_DRIFT)) {
                List<Finding> drift = drift(n);
                all.addAll(drift);
                if (!drift.isEmpty()) {
                    counts.put(Rule.SCHEMA_DRIFT, (long) drift.size());
                }
            }
            trend.add(new QualityReport.VersionCheck(n.version(), n.operation(), n.reason(), counts, carried, checked.truncated()));
            QualityReport.CommitRef ref = ref(n);
            Map<String, Finding> now = new LinkedHashMap<>();
            for (Finding f : all) {
                if (f.rule().event()) {
                    done.add(new QualityReport.TrackedFinding(f, ref, false, null));
                } else {
                    now.put(f.identity(), f);
                }
            }
            for (var e : current.entrySet()) {
                if (!now.containsKey(e.getKey())) {
                    done.add(new QualityReport.TrackedFinding(e.getValue(), since0.remove(e.getKey()), before.remove(e.getKey()), ref));
                }
            }
            for (var e : now.entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    since0.put(e.getKey(), ref);
                    before.put(e.getKey(), first && n.version() > 0);
                }
            }
            current = now;
            previous = checked;
            first = false;
        }
        for (var e : current.entrySet()) {
            done.add(new QualityReport.TrackedFinding(e.getValue(), since0.get(e.getKey()), before.get(e.getKey()), null));
        }
        done.sort(Comparator.comparing((QualityReport.TrackedFinding f) -> f.introduced().version())
                .thenComparing(f -> f.atVersion().rule()).thenComparing(f -> f.atVersion().where()));
        p.report("Checked " + trend.size() + " versions", 1.0);
        return new QualityReport(table, from, to, rules, List.copyOf(trend), List.copyOf(done), List.copyOf(notes),
                (System.nanoTime() - t0) / 1e9);
    }

    /** A commit that rewrites files without changing rows keeps the previous findings. */
    private static boolean changesNoRows(TimelineNode n) {
        return n.schemaChanges().isEmpty() && (n.kind() == OperationKind.OPTIMIZE || n.kind() == OperationKind.VACUUM
                || (n.kind() == OperationKind.OTHER && n.rowsChanged() == 0));
    }

    private static QualityReport.CommitRef ref(TimelineNode n) {
        return new QualityReport.CommitRef(n.version(), n.timestamp(), n.user(), n.operation(), n.reason());
    }

    private static List<Finding> drift(TimelineNode n) {
        List<Finding> out = new ArrayList<>();
        for (SchemaChange c : n.schemaChanges()) {
            if (c.kind() != SchemaChange.Kind.CREATED) {
                out.add(new Finding(Rule.SCHEMA_DRIFT, "column " + c.column(), Map.of(), c.describe()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------- one version

    private Checked checkVersion(String table, long version, QualityRules rules, SparkSession spark, CancelHandle cancel) {
        Optional<CacheKey> key = cacheKey(table, version, rules);
        Optional<Checked> hit = key.flatMap(this::read);
        if (hit.isPresent()) {
            return hit.get();
        }
        Checked checked = cancel.run(spark, "Checking version " + version + " of " + table,
                () -> evaluate(engine.read(table, new AsOf.Version(version)), rules));
        key.ifPresent(k -> write(k, checked));
        return checked;
    }

    /** Every row rule in one pass over one version. */
    static Checked evaluate(Dataset<Row> df, QualityRules rules) {
        Set<String> names = new HashSet<>(Arrays.asList(df.columns()));
        List<String> keys = rules.keyColumns().stream().filter(names::contains).toList();
        boolean fullKey = !keys.isEmpty() && keys.size() == rules.keyColumns().size();
        String sym = present(names, rules.symbolColumn());
        String date = present(names, rules.dateColumn());
        String close = present(names, rules.closeColumn());
        String high = present(names, rules.highColumn());
        String low = present(names, rules.lowColumn());
        String volume = present(names, rules.volumeColumn());
        List<String> prices = rules.priceColumns().stream().filter(names::contains).toList();

        Dataset<Row> rows = df;
        Map<Rule, Column> flags = new LinkedHashMap<>();
        if (rules.enabled(Rule.NULL_KEY) && !keys.isEmpty()) {
            flags.put(Rule.NULL_KEY, keys.stream().map(k -> q(k).isNull()).reduce(Column::or).orElseThrow());
        }
        if (rules.enabled(Rule.DUPLICATE_KEY) && fullKey) {
            rows = rows.withColumn("_dup", count(lit(1)).over(Window.partitionBy(keys.stream().map(QualityChecker::q).toArray(Column[]::new))));
            flags.put(Rule.DUPLICATE_KEY, col("_dup").gt(1).and(keys.stream().map(k -> q(k).isNotNull()).reduce(Column::and).orElseThrow()));
        }
        if (rules.enabled(Rule.NON_POSITIVE_PRICE) && !prices.isEmpty()) {
            flags.put(Rule.NON_POSITIVE_PRICE, prices.stream().map(c -> q(c).leq(0)).reduce(Column::or).orElseThrow());
        }
        if (rules.enabled(Rule.HIGH_BELOW_LOW) && high != null && low != null) {
            flags.put(Rule.HIGH_BELOW_LOW, q(high).lt(q(low)));
        }
        if (rules.enabled(Rule.CLOSE_OUTSIDE_RANGE) && close != null && high != null && low != null) {
            flags.put(Rule.CLOSE_OUTSIDE_RANGE, q(high).geq(q(low)).and(q(close).gt(q(high).multiply(1 + 1e-9))
                    .or(q(close).lt(q(low).multiply(1 - 1e-9)))));
        }
        if (rules.enabled(Rule.NEGATIVE_VOLUME) && volume != null) {
            flags.put(Rule.NEGATIVE_VOLUME, q(volume).lt(0));
        }
        if (rules.enabled(Rule.PRICE_JUMP) && sym != null && date != null && close != null) {
            WindowSpec ordered = Window.partitionBy(q(sym)).orderBy(q(date));
            WindowSpec whole = Window.partitionBy(q(sym));
            Column prev = lag(q(close), 1).over(ordered);
            rows = rows.withColumn("_prev", prev.cast("double"))
                    .withColumn("_ret", when(col("_prev").gt(0).and(q(close).gt(0)), log(q(close).cast("double").divide(col("_prev")))))
                    .withColumn("_med", median(col("_ret")).over(whole))
                    .withColumn("_dev", abs(col("_ret").minus(col("_med"))))
                    .withColumn("_sigma", median(col("_dev")).over(whole).multiply(1.4826));
            flags.put(Rule.PRICE_JUMP, col("_sigma").gt(0).and(col("_dev").gt(col("_sigma").multiply(rules.jumpK()))));
        }
        Object cutoff = null;
        Object newest = null;
        if (rules.enabled(Rule.STALE_SYMBOL) && sym != null && date != null) {
            List<Row> recent = df.select(q(date)).where(q(date).isNotNull()).distinct().orderBy(q(date).desc())
                    .limit(rules.staleDays() + 1).collectAsList();
            if (recent.size() == rules.staleDays() + 1) {
                cutoff = recent.getLast().get(0);
                newest = recent.getFirst().get(0);
                rows = rows.withColumn("_last", max(q(date)).over(Window.partitionBy(q(sym))));
                flags.put(Rule.STALE_SYMBOL, col("_last").leq(lit(cutoff)).and(q(date).equalTo(col("_last"))));
            }
        }
        if (flags.isEmpty()) {
            return new Checked(List.of(), Map.of(), false);
        }
        List<Column> out = new ArrayList<>();
        List<String> whereCols = !keys.isEmpty() ? keys : sym != null && date != null ? List.of(sym, date) : List.of();
        for (int i = 0; i < whereCols.size(); i++) {
            out.add(q(whereCols.get(i)).cast("string").as("_w" + i));
        }
        if (whereCols.isEmpty()) {
            out.add(concat_ws("|", Arrays.stream(df.columns()).map(c -> q(c).cast("string")).toArray(Column[]::new)).as("_row"));
        }
        for (var f : flags.entrySet()) {
            out.add(org.apache.spark.sql.functions.coalesce(f.getValue(), lit(false)).as("_f_" + f.getKey().name()));
        }
        out.add(sym == null ? lit(null).cast("string").as("_sym") : q(sym).cast("string").as("_sym"));
        out.add(date == null ? lit(null).cast("string").as("_date") : q(date).cast("string").as("_date"));
        out.add(close == null ? lit(null).cast("double").as("_close") : q(close).cast("double").as("_close"));
        out.add(high == null ? lit(null).cast("double").as("_high") : q(high).cast("double").as("_high"));
        out.add(low == null ? lit(null).cast("double").as("_low") : q(low).cast("double").as("_low"));
        out.add(volume == null ? lit(null).cast("double").as("_vol") : q(volume).cast("double").as("_vol"));
        for (int i = 0; i < prices.size(); i++) {
            out.add(q(prices.get(i)).cast("double").as("_p" + i));
        }
        boolean jumps = flags.containsKey(Rule.PRICE_JUMP);
        out.add(jumps ? col("_prev") : lit(null).cast("double").as("_prev"));
        out.add(jumps ? col("_ret") : lit(null).cast("double").as("_ret"));
        out.add(jumps ? col("_sigma") : lit(null).cast("double").as("_sigma"));
        out.add(flags.containsKey(Rule.DUPLICATE_KEY) ? col("_dup") : lit(null).cast("long").as("_dup"));
        Column any = flags.keySet().stream().map(r -> col("_f_" + r.name())).reduce(Column::or).orElseThrow();
        Dataset<Row> flagged = rows.select(out.toArray(Column[]::new)).where(any);
        List<Row> found = flagged.limit(KEEP + 1).collectAsList();
        boolean truncated = found.size() > KEEP;

        Map<String, Finding> findings = new LinkedHashMap<>();
        for (Row r : truncated ? found.subList(0, KEEP) : found) {
            Map<String, String> key = new LinkedHashMap<>();
            for (int i = 0; i < whereCols.size(); i++) {
                key.put(whereCols.get(i), r.getAs("_w" + i));
            }
            String where = whereCols.isEmpty() ? "row " + r.getAs("_row") : text(key);
            for (Rule rule : flags.keySet()) {
                if (!r.<Boolean>getAs("_f_" + rule.name())) {
                    continue;
                }
                Finding f = switch (rule) {
                    case NULL_KEY -> new Finding(rule, where, key, "key " + String.join(", ", keys) + " has a null");
                    case DUPLICATE_KEY -> new Finding(rule, where, key, r.<Long>getAs("_dup") + " rows share this key");
                    case NON_POSITIVE_PRICE -> new Finding(rule, where, key, nonPositive(r, prices));
                    case HIGH_BELOW_LOW -> new Finding(rule, where, key, String.format(Locale.ROOT, "%s %s < %s %s", high,
                            num(r.getAs("_high")), low, num(r.getAs("_low"))));
                    case CLOSE_OUTSIDE_RANGE -> new Finding(rule, where, key, String.format(Locale.ROOT, "%s %s outside %s–%s", close,
                            num(r.getAs("_close")), num(r.getAs("_low")), num(r.getAs("_high"))));
                    case NEGATIVE_VOLUME -> new Finding(rule, where, key, volume + " " + num(r.getAs("_vol")));
                    case PRICE_JUMP -> {
                        Map<String, String> at = new LinkedHashMap<>();
                        at.put(sym, r.getAs("_sym"));
                        at.put(date, r.getAs("_date"));
                        double ret = r.<Double>getAs("_ret");
                        yield new Finding(rule, text(at), at, String.format(Locale.ROOT, "%s %s → %s (%+.1f %%), %.0f× the daily σ %.4f",
                                close, num(r.getAs("_prev")), num(r.getAs("_close")), (Math.exp(ret) - 1) * 100,
                                Math.abs(ret) / r.<Double>getAs("_sigma"), r.<Double>getAs("_sigma")));
                    }
                    case STALE_SYMBOL -> {
                        Map<String, String> at = Map.of(sym, r.getAs("_sym"));
                        yield new Finding(rule, text(at), at, "newest row " + r.getAs("_date") + "; the table has rows up to " + newest);
                    }
                    case SCHEMA_DRIFT -> throw new IllegalStateException("schema drift is not a row rule");
                };
                findings.putIfAbsent(f.identity(), f);
            }
        }
        Map<Rule, Long> counts = new EnumMap<>(Rule.class);
        if (truncated) {
            List<Column> sums = flags.keySet().stream().map(rule -> org.apache.spark.sql.functions.sum(
                    when(col("_f_" + rule.name()), 1).otherwise(0)).as(rule.name())).toList();
            Row totals = flagged.agg(sums.getFirst(), sums.subList(1, sums.size()).toArray(Column[]::new)).first();
            for (Rule rule : flags.keySet()) {
                long c = totals.isNullAt(totals.fieldIndex(rule.name())) ? 0 : totals.getLong(totals.fieldIndex(rule.name()));
                if (c > 0) {
                    counts.put(rule, c);
                }
            }
        } else {
            for (Finding f : findings.values()) {
                counts.merge(f.rule(), 1L, Long::sum);
            }
        }
        return new Checked(List.copyOf(findings.values()), counts, truncated);
    }

    private static String nonPositive(Row r, List<String> prices) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            Double v = r.getAs("_p" + i);
            if (v != null && v <= 0) {
                parts.add(prices.get(i) + " " + num(v));
            }
        }
        return String.join(", ", parts);
    }

    private static String num(Object v) {
        if (v == null) {
            return "null";
        }
        double d = ((Number) v).doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.4g", d);
    }

    static String text(Map<String, String> key) {
        StringBuilder sb = new StringBuilder();
        key.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static String present(Set<String> names, String c) {
        return c != null && names.contains(c) ? c : null;
    }

    /** A column by its exact name, whatever characters it holds (dots and backticks included). */
    static Column q(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    // ------------------------------------------------------------------------- rows behind a finding

    /** The rows a finding is about, as they were at {@code version} (a jump shows the day and the row before). */
    public RowSample rows(String table, long version, Finding finding, CancelHandle cancel) {
        Dataset<Row> df = engine.read(table, new AsOf.Version(version));
        if (finding.key().isEmpty()) {
            return new RowSample(List.of(df.columns()), List.of());
        }
        QualityRules rules = rulesFor(table);
        Dataset<Row> sel;
        if (finding.rule() == Rule.PRICE_JUMP || finding.rule() == Rule.STALE_SYMBOL) {
            String sym = rules.symbolColumn();
            String date = rules.dateColumn();
            Column match = q(sym).cast("string").equalTo(lit(finding.key().get(sym)));
            if (finding.key().containsKey(date)) {
                match = match.and(q(date).cast("string").leq(lit(finding.key().get(date))));
            }
            sel = df.where(match).orderBy(q(date).desc()).limit(finding.rule() == Rule.PRICE_JUMP ? 2 : 5);
        } else {
            Column match = finding.key().entrySet().stream()
                    .map(e -> e.getValue() == null ? q(e.getKey()).isNull() : q(e.getKey()).cast("string").equalTo(lit(e.getValue())))
                    .reduce(Column::and).orElseThrow();
            sel = df.where(match).limit(100);
        }
        Dataset<Row> chosen = sel;
        List<Row> got = cancel.run(engine.spark(), "Reading the rows of a finding", chosen::collectAsList);
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : got) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                values.add(r.get(i));
            }
            rows.add(values);
        }
        return new RowSample(List.of(chosen.columns()), rows);
    }

    // ------------------------------------------------------------------------- cache

    private Optional<Cache> cacheUp() {
        if (cache == null) {
            return Optional.empty();
        }
        try {
            Cache c = cache.get();
            return c != null && c.status().isUp() ? Optional.of(c) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<CacheKey> cacheKey(String table, long version, QualityRules rules) {
        if (cacheUp().isEmpty() || versions == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CacheKeys.analytics(table, versions.get().identity(table), version, "quality", CODEC, rules.canonical()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Checked> read(CacheKey key) {
        return cacheUp().flatMap(c -> {
            try {
                Optional<byte[]> b = c.get(key).get(5, TimeUnit.SECONDS);
                return b.isEmpty() ? Optional.empty() : Optional.of(JSON.readValue(b.get(), Checked.class));
            } catch (Exception e) {
                return Optional.empty();
            }
        });
    }

    private void write(CacheKey key, Checked value) {
        cacheUp().ifPresent(c -> {
            try {
                c.put(key, JSON.writeValueAsBytes(value)).get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // recomputed next time
            }
        });
    }
}
