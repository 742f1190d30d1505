package io.lakelens.search;

import io.delta.kernel.Snapshot;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers one search from Delta at one version, by Kernel or by Spark. Both routes compile
 * the same {@link SearchPlan}, so they return identical rows, totals and pages; the route is
 * chosen by how much data is left to read once files are pruned (statistics, then the term
 * index): little goes to Kernel, which has no per-query planning or task overhead; much goes
 * to Spark, which scans in parallel. Reads never modify the table. Thread-safe.
 */
final class DeltaSearch {
    private final LakeEngine engine;
    private final KernelReader kernel;
    private final SearchSettings settings;
    private final LongAdder deltaReads = new LongAdder();
    private volatile SparkSession session;

    DeltaSearch(LakeEngine engine, SearchSettings settings) {
        this.engine = engine;
        this.kernel = new KernelReader(engine.kernel(), settings.decodedCacheBytes());
        this.settings = settings;
    }

    KernelReader kernel() {
        return kernel;
    }

    /** How many searches have read Delta (for single-flight tests and the bench). */
    long deltaReads() {
        return deltaReads.sum();
    }

    /**
     * Reads one page at one version. {@code searched} is the table's searched-columns choice,
     * which the caller also put in the cache key.
     */
    /** Kernel's bound before Spark is up, as a multiple of the settings' bound. */
    static final int BEFORE_SPARK = 8;

    Page search(SearchRequest request, SearchColumns searched, long version, Route.Choice choice) {
        deltaReads.increment();
        Path path = engine.requireTable(request.table());
        Snapshot snapshot = snapshot(request.table(), path, version);
        SearchPlan plan = SearchPlan.compile(request, snapshot.getSchema(), version, searched);
        if (choice == Route.Choice.SPARK) {
            return spark(plan, path, version);
        }
        try {
            KernelReader.Planned planned = kernel.plan(snapshot, plan.statsPredicate(), plan.columns());
            List<KernelReader.ScanFile> files = prune(snapshot, planned.files(), plan.pruning());
            long toDecode = files.stream().filter(f -> !kernel.isDecoded(planned, f)).mapToLong(KernelReader.ScanFile::size).sum();
            if (choice == Route.Choice.AUTO && toDecode > kernelLimit()) {
                return spark(plan, path, version);
            }
            return kernel(plan, snapshot, planned, files, version, kernel.fileCount(snapshot));
        } catch (LakeLensException e) {
            throw e;
        } catch (UnsupportedOperationException | io.delta.kernel.exceptions.KernelException e) {
            // a table feature or column type Delta Kernel cannot read: Spark reads every table
            if (choice == Route.Choice.AUTO) {
                return spark(plan, path, version);
            }
            throw engine.readError(request.table(), new AsOf.Version(version), e);
        } catch (Exception e) {
            throw engine.readError(request.table(), new AsOf.Version(version), e);
        }
    }

    /**
     * How much Kernel reads before a search goes to Spark: the settings' bound once Spark runs;
     * before it is up, {@value #BEFORE_SPARK} times that, since Kernel reads that much in a few
     * seconds on one core while Spark's start alone takes longer (a window's first page, a
     * search in a new process).
     */
    private long kernelLimit() {
        return engine.isStarted() ? settings.kernelMaxBytes() : settings.kernelMaxBytes() * BEFORE_SPARK;
    }

    /** The files the term index leaves, when there is enough to read for the index to pay (or it is built already). */
    private List<KernelReader.ScanFile> prune(Snapshot snapshot, List<KernelReader.ScanFile> files, KernelReader.Pruning pruning) {
        long bytes = files.stream().mapToLong(KernelReader.ScanFile::size).sum();
        if (pruning.active() && !files.isEmpty() && (bytes > settings.termIndexMinBytes() || kernel.allIndexed(pruning, files))) {
            return kernel.filesWithTerms(snapshot, pruning, files);
        }
        return files;
    }

    private Page kernel(SearchPlan plan, Snapshot snapshot, KernelReader.Planned planned, List<KernelReader.ScanFile> files,
                        long version, int filesTotal) {
        SearchRequest r = plan.request();
        // a page number past the end (up to Integer.MAX_VALUE) must not overflow into a negative size
        int keep = (int) Math.min(Integer.MAX_VALUE - 8, (long) r.page() * r.pageSize());
        Comparator<Object[]> order = plan.keyOrder();
        // a max-heap of the best `keep` rows by sort key: enough for the requested page, and for
        // the last page when the request goes past it (then fewer than `keep` rows exist)
        PriorityQueue<Object[][]> best = new PriorityQueue<>(Math.min(keep, 4096) + 1,
                (a, b) -> order.compare(b[0], a[0]));
        long[] total = {0};
        int inMemory = 0;
        for (KernelReader.ScanFile f : files) {
            inMemory += kernel.isDecoded(planned, f) ? 1 : 0;
            kernel.read(planned, f, plan.pruning(), (v, row) -> {
                if (!plan.test(v, row)) {
                    return;
                }
                total[0]++;
                Object[] key = plan.sortKey(v, row);
                if (best.size() < keep) {
                    best.add(new Object[][]{key, plan.materialise(v, row)});
                } else if (order.compare(key, best.peek()[0]) < 0) {
                    best.poll();
                    best.add(new Object[][]{key, plan.materialise(v, row)});
                }
            });
        }
        List<Object[][]> sorted = new ArrayList<>(best);
        sorted.sort((a, b) -> order.compare(a[0], b[0]));
        Paging p = Paging.of(total[0], r.page(), r.pageSize());
        List<List<Object>> rows = new ArrayList<>();
        for (int i = p.offset(); i < Math.min(sorted.size(), p.offset() + r.pageSize()); i++) {
            rows.add(Collections.unmodifiableList(Arrays.asList(sorted.get(i)[1])));
        }
        List<String> unmatched = total[0] > 0 ? List.of() : unmatchedByKernel(plan, snapshot);
        return new Page(List.copyOf(plan.columns()), List.copyOf(rows), total[0], p.page(), p.pageCount(), p.clamped(),
                version, Route.KERNEL, files.size(), filesTotal, inMemory, plan.reading(unmatched));
    }

    /**
     * The words that match no row of the version on their own (filters aside), read through
     * Kernel: every file that could hold an unfound word is read until each word is found.
     */
    private List<String> unmatchedByKernel(SearchPlan plan, Snapshot snapshot) {
        List<SearchPlan.Term> terms = plan.terms();
        if (terms.isEmpty()) {
            return List.of();
        }
        if (terms.size() == 1 && !plan.hasFilters()) {
            return List.of(terms.getFirst().display());
        }
        boolean[] found = new boolean[terms.size()];
        KernelReader.Pruning anyUnfound = new KernelReader.Pruning(plan.valueColumns(), values -> {
            for (int i = 0; i < found.length; i++) {
                if (!found[i] && terms.get(i).condition().couldMatch(values)) {
                    return true;
                }
            }
            return false;
        });
        KernelReader.Planned all = kernel.plan(snapshot, io.delta.kernel.expressions.AlwaysTrue.ALWAYS_TRUE, plan.columns());
        for (KernelReader.ScanFile f : prune(snapshot, all.files(), anyUnfound)) {
            kernel.read(all, f, anyUnfound, (v, row) -> {
                for (int i = 0; i < found.length; i++) {
                    if (!found[i] && terms.get(i).condition().test(v, row)) {
                        found[i] = true;
                    }
                }
            });
            if (allTrue(found)) {
                break;
            }
        }
        return unmatched(terms, found);
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    private static List<String> unmatched(List<SearchPlan.Term> terms, boolean[] found) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < found.length; i++) {
            if (!found[i]) {
                out.add(terms.get(i).display());
            }
        }
        return List.copyOf(out);
    }

    /** The same as {@link #unmatchedByKernel}, as one Spark aggregation over the version. */
    private static List<String> unmatchedBySpark(SearchPlan plan, Dataset<Row> table) {
        List<SearchPlan.Term> terms = plan.terms();
        if (terms.isEmpty()) {
            return List.of();
        }
        if (terms.size() == 1 && !plan.hasFilters()) {
            return List.of(terms.getFirst().display());
        }
        org.apache.spark.sql.Column[] any = new org.apache.spark.sql.Column[terms.size()];
        for (int i = 0; i < any.length; i++) {
            any[i] = org.apache.spark.sql.functions.max(org.apache.spark.sql.functions.when(terms.get(i).condition().spark(), 1)
                    .otherwise(0));
        }
        Row r = table.agg(any[0], Arrays.copyOfRange(any, 1, any.length)).first();
        boolean[] found = new boolean[any.length];
        for (int i = 0; i < any.length; i++) {
            found[i] = !r.isNullAt(i) && r.getInt(i) == 1;
        }
        return unmatched(terms, found);
    }

    private Page spark(SearchPlan plan, Path path, long version) {
        SearchRequest r = plan.request();
        AsOf at = new AsOf.Version(version);
        try {
            Dataset<Row> table = session().read().format("delta").option("versionAsOf", version).load(path.toString());
            Dataset<Row> all = table.select(plan.sparkColumns());
            Dataset<Row> matching = all.filter(plan.sparkCondition());
            long total = matching.count();
            Paging p = Paging.of(total, r.page(), r.pageSize());
            List<List<Object>> rows = new ArrayList<>();
            if (total > 0) {
                List<Row> collected = matching.orderBy(plan.sparkOrder()).offset(p.offset()).limit(r.pageSize()).collectAsList();
                for (Row row : collected) {
                    Object[] values = new Object[row.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = Values.fromSpark(row.get(i));
                    }
                    rows.add(Collections.unmodifiableList(Arrays.asList(values)));
                }
            }
            List<String> unmatched = total > 0 ? List.of() : unmatchedBySpark(plan, all);
            return new Page(List.copyOf(plan.columns()), List.copyOf(rows), total, p.page(), p.pageCount(), p.clamped(),
                    version, Route.SPARK, -1, -1, 0, plan.reading(unmatched));
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            throw engine.readError(r.table(), at, e);
        }
    }

    /**
     * Every row matching {@code request} at {@code version}, in the order of its pages (its sort,
     * then the tie-break), as one lazy, unpaged Spark read: nothing is read until the caller runs
     * an action, and writers or {@code toLocalIterator} take the sorted rows a partition at a
     * time. The read runs in {@link #exportSession()}, whose sort spreads the rows over many
     * partitions that adaptive execution merges up to a fixed size, so the memory a consumer
     * needs stays bounded whatever the number of rows.
     */
    Dataset<Row> allRows(SearchRequest request, SearchColumns searched, long version) {
        Path path = engine.requireTable(request.table());
        SearchPlan plan = SearchPlan.compile(request, snapshot(request.table(), path, version).getSchema(), version, searched);
        try {
            Dataset<Row> table = exportSession().read().format("delta").option("versionAsOf", version).load(path.toString());
            return table.select(plan.sparkColumns()).filter(plan.sparkCondition()).orderBy(plan.sparkOrder());
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            throw engine.readError(request.table(), new AsOf.Version(version), e);
        }
    }

    /** The table's Kernel snapshot at {@code version}; a failed read is one line naming the table and the version. */
    private Snapshot snapshot(String table, Path path, long version) {
        try {
            return kernel.snapshot(path, version, () -> LakeEngine.refuseEmptyCommits(table, path, version));
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) {
            throw engine.readError(table, new AsOf.Version(version), e);
        }
    }

    private volatile SparkSession exportSession;

    /**
     * A child session for reading whole results: many shuffle partitions (the interactive
     * default is a handful, which would put a quarter of a large result in one partition),
     * merged by adaptive execution into partitions of at most {@value #EXPORT_PARTITION}.
     */
    private SparkSession exportSession() {
        SparkSession s = exportSession;
        if (s == null) {
            synchronized (this) {
                if (exportSession == null) {
                    SparkSession child = engine.spark().newSession();
                    child.conf().set("spark.sql.datetime.java8API.enabled", "true");
                    child.conf().set("spark.sql.shuffle.partitions", "200");
                    child.conf().set("spark.sql.adaptive.enabled", "true");
                    child.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "true");
                    child.conf().set("spark.sql.adaptive.advisoryPartitionSizeInBytes", EXPORT_PARTITION);
                    exportSession = child;
                }
                s = exportSession;
            }
        }
        return s;
    }

    private static final String EXPORT_PARTITION = "32m";

    private final Map<String, SearchFields> fields = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SearchFields> eldest) {
            return size() > 16;
        }
    });

    /** What a search form offers at one version (see {@link SearchFields}), kept per version and column choice. */
    SearchFields fields(String table, long version, SearchColumns searched) {
        Path path = engine.requireTable(table);
        String key = path + "@" + version + "|" + searched.keyPart();
        SearchFields f = fields.get(key);
        if (f == null) {
            AsOf at = new AsOf.Version(version);
            Snapshot snapshot = snapshot(table, path, version);
            try {
                f = FieldsReader.read(session(), path, table, version, snapshot.getSchema(), searched);
            } catch (LakeLensException e) {
                throw e;
            } catch (Exception e) {
                throw engine.readError(table, at, e);
            }
            fields.put(key, f);
        }
        return f;
    }

    /** A child session that returns java.time values, shared by every Spark-routed search. */
    private SparkSession session() {
        SparkSession s = session;
        if (s == null) {
            synchronized (this) {
                if (session == null) {
                    SparkSession child = engine.spark().newSession();
                    child.conf().set("spark.sql.datetime.java8API.enabled", "true");
                    session = child;
                }
                s = session;
            }
        }
        return s;
    }

    /** Page arithmetic: pages past the end clamp to the last page. */
    record Paging(int page, int pageCount, boolean clamped, int offset) {
        static Paging of(long total, int requested, int size) {
            int count = (int) Math.max(1, (total + size - 1) / size);
            int page = Math.min(requested, count);
            return new Paging(page, count, requested > count, (page - 1) * size);
        }
    }
}
