package io.lakelens.cli;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import io.lakelens.reliability.ChildJvm;
import io.lakelens.search.StrategyKind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bench's measurements of new processes: each is a child JVM started like {@code lakelens}
 * (same {@code java}, class path, Spark flags and heap), timed from the moment it is started to
 * the moment its answer reaches this process's end of the pipe. Child errors go to log files
 * under the lake's {@code .lakelens/bench/} folder; a child that fails or takes longer than five
 * minutes gives NaN (reported as missing, never as a figure).
 */
final class BenchChildren {
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final String MAIN = Main.class.getName();

    private BenchChildren() {
    }

    /** Outcome of a child bench. */
    record Outcome(int exitCode, String stdout) {
    }

    private static List<String> heap() {
        return List.of("-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m");
    }

    private static Path logs(Path lake) {
        return LakeStateFolder.of(lake).resolve("bench").resolve("children");
    }

    /** Runs {@code lakelens ARGS} in a child JVM: its progress on this terminal, its output returned. */
    static Outcome runBench(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ChildJvm.javaExecutable());
        cmd.addAll(ChildJvm.jvmFlags());
        cmd.addAll(heap());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = read(p.getInputStream());
            return new Outcome(p.waitFor(), out);
        } catch (IOException e) {
            throw new LakeLensException("Cannot start a JVM for the bench: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeLensException("Interrupted while a bench JVM ran.");
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    /** {@code lakelens search SYMBOL --strategy S} in a new process (no cache: a new process has none of its own). */
    static double firstSearch(Path lake, StrategyKind strategy, String symbol) {
        return time("search-" + strategy.id(), lake, List.of("search", symbol, "--strategy", strategy.id(), "--lake", lake.toString(),
                "--no-redis"), List.of(), l -> l.startsWith("Found "), true);
    }

    /** {@code lakelens tables} in a new process, to its first line of output. */
    static double tables(Path lake) {
        return time("tables", lake, List.of("tables", "--lake", lake.toString(), "--no-redis"), List.of(), l -> !l.isBlank(), true);
    }

    /**
     * The window in a new process, headless (Monocle), to the moment the search tab's first page
     * is in its table; the window reports that moment when started with
     * {@code -Dlakelens.reportFirstPage=true}, and is then stopped.
     */
    static double windowFirstPage(Path lake) {
        Path home = logs(lake).resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            return Double.NaN;
        }
        List<String> jvm = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dprism.text=t2k", "-Dheadless.geometry=1600x1000-32", "-Djava.awt.headless=true",
                "-Dlakelens.reportFirstPage=true", "-Duser.home=" + home);
        return time("window", lake, List.of("gui", "--lake", lake.toString(), "--no-redis"), jvm,
                l -> l.startsWith("lakelens: first page shown"), false);
    }

    private static double time(String name, Path lake, List<String> args, List<String> jvm,
                               java.util.function.Predicate<String> answer, boolean waitForExit) {
        List<String> jvmArgs = new ArrayList<>(heap());
        jvmArgs.addAll(jvm);
        long t0 = System.nanoTime();
        ChildJvm child = ChildJvm.start(name, MAIN, args, jvmArgs, Map.of(), logs(lake));
        try {
            child.await(answer, LIMIT);
            double ms = (child.arrival(answer, 1) - t0) / 1e6;
            if (waitForExit) {
                int code = child.waitFor(LIMIT);
                return code == 0 ? ms : Double.NaN;
            }
            return ms;
        } catch (IllegalStateException e) {
            return Double.NaN;
        } finally {
            if (child.isAlive()) {
                child.kill();
            }
        }
    }

    /**
     * A symbol of the table's latest version for the fresh searches: the first of three or more
     * letters (else the first), read through Kernel (this JVM starts no Spark for it).
     */
    static String firstSymbol(LakeEngine engine) {
        Snapshot snapshot = engine.snapshot(MarketData.NAME, AsOf.LATEST);
        var kernel = engine.kernel();
        StructType read = new StructType().add(snapshot.getSchema().get(MarketData.SYMBOL));
        Scan scan = snapshot.getScanBuilder().withReadSchema(read).build();
        var state = scan.getScanState(kernel);
        String shortest = null;
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(kernel)) {
            while (files.hasNext()) {
                try (CloseableIterator<io.delta.kernel.data.Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        io.delta.kernel.data.Row file = rows.next();
                        FileStatus fs = InternalScanFileUtils.getAddFileStatus(file);
                        try (CloseableIterator<FileReadResult> data = kernel.getParquetHandler().readParquetFiles(
                                Utils.singletonCloseableIterator(fs), ScanStateRow.getPhysicalDataReadSchema(state), Optional.empty());
                             CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(kernel, state, file,
                                     Utils.toCloseableIterator(new Iterable<ColumnarBatch>() {
                                         @Override
                                         public java.util.Iterator<ColumnarBatch> iterator() {
                                             return new java.util.Iterator<>() {
                                                 @Override
                                                 public boolean hasNext() {
                                                     return data.hasNext();
                                                 }

                                                 @Override
                                                 public ColumnarBatch next() {
                                                     return data.next().getData();
                                                 }
                                             };
                                         }
                                     }.iterator()))) {
                            while (logical.hasNext()) {
                                FilteredColumnarBatch b = logical.next();
                                var v = b.getData().getColumnVector(0);
                                var selection = b.getSelectionVector();
                                for (int i = 0; i < b.getData().getSize(); i++) {
                                    boolean live = selection.isEmpty() || !selection.get().isNullAt(i) && selection.get().getBoolean(i);
                                    if (live && !v.isNullAt(i)) {
                                        String symbol = v.getString(i);
                                        // a one- or two-letter ticker is also a substring of most
                                        // company names: a scan of the table, not a lookup
                                        if (symbol.length() >= 3) {
                                            return symbol;
                                        }
                                        if (shortest == null) {
                                            shortest = symbol;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot read " + MarketData.NAME + ": " + e.getMessage(), e);
        }
        if (shortest != null) {
            return shortest;
        }
        throw new LakeLensException("Table " + MarketData.NAME + " is empty; the bench needs market data.");
    }
}
