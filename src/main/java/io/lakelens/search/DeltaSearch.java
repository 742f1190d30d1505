package io.lakelens.search;

import io.delta.kernel.Snapshot;
import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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
        this.kernel = new KernelReader(engine.kernel());
        this.settings = settings;
    }

    KernelReader kernel() {
        return kernel;
    }

    /** How many searches have read Delta (for single-flight tests and the bench). */
    long deltaReads() {
        return deltaReads.sum();
    }

    Page search(SearchRequest request, long version, Route.Choice choice) {
        deltaReads.increment();
        Path path = engine.requireTable(request.table());
        AsOf at = new AsOf.Version(version);
        Snapshot snapshot;
        try {
            snapshot = kernel.snapshot(path, version);
        } catch (Exception e) {
            throw Errors.forRead(request.table(), at, e);
        }
        SearchPlan plan = SearchPlan.compile(request, snapshot.getSchema(), version);
        if (choice == Route.Choice.SPARK) {
            return spark(plan, path, version);
        }
        try {
            KernelReader.Planned planned = kernel.plan(snapshot, plan.statsPredicate(), plan.columns());
            List<KernelReader.ScanFile> files = planned.files();
            long bytes = files.stream().mapToLong(KernelReader.ScanFile::size).sum();
            if (plan.usesTerms() && !files.isEmpty()
                    && (bytes > settings.termIndexMinBytes() || kernel.allIndexed(plan, files))) {
                files = kernel.filesWithTerms(snapshot, plan, files);
                bytes = files.stream().mapToLong(KernelReader.ScanFile::size).sum();
            }
            if (choice == Route.Choice.AUTO && bytes > settings.kernelMaxBytes()) {
                return spark(plan, path, version);
            }
            return kernel(plan, planned, files, version, kernel.fileCount(snapshot));
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) {
            throw Errors.forRead(request.table(), at, e);
        }
    }

    private Page kernel(SearchPlan plan, KernelReader.Planned planned, List<KernelReader.ScanFile> files, long version,
                        int filesTotal) {
        SearchRequest r = plan.request();
        // a page number past the end (up to Integer.MAX_VALUE) must not overflow into a negative size
        int keep = (int) Math.min(Integer.MAX_VALUE - 8, (long) r.page() * r.pageSize());
        Comparator<Object[]> order = plan.keyOrder();
        // a max-heap of the best `keep` rows by sort key: enough for the requested page, and for
        // the last page when the request goes past it (then fewer than `keep` rows exist)
        PriorityQueue<Object[][]> best = new PriorityQueue<>(Math.min(keep, 4096) + 1,
                (a, b) -> order.compare(b[0], a[0]));
        long[] total = {0};
        for (KernelReader.ScanFile f : files) {
            kernel.read(planned, f, (v, row) -> {
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
        return new Page(List.copyOf(plan.columns()), List.copyOf(rows), total[0], p.page(), p.pageCount(), p.clamped(),
                version, Route.KERNEL, files.size(), filesTotal);
    }

    private Page spark(SearchPlan plan, Path path, long version) {
        SearchRequest r = plan.request();
        AsOf at = new AsOf.Version(version);
        try {
            Dataset<Row> table = session().read().format("delta").option("versionAsOf", version).load(path.toString());
            Dataset<Row> matching = table.select(plan.sparkColumns()).filter(plan.sparkCondition());
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
            return new Page(List.copyOf(plan.columns()), List.copyOf(rows), total, p.page(), p.pageCount(), p.clamped(),
                    version, Route.SPARK, -1, -1);
        } catch (LakeLensException e) {
            throw e;
        } catch (Exception e) { // Spark throws checked exceptions undeclared
            throw Errors.forRead(r.table(), at, e);
        }
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
