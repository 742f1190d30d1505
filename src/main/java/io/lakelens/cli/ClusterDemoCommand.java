package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.cluster.ClusterDemo;
import io.lakelens.cluster.StandaloneCluster;
import io.lakelens.data.DatasetSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "cluster-demo", mixinStandardHelpOptions = true,
        description = {"Start a real Spark standalone master and worker on loopback (from the Spark jars LakeLens ships), "
                + "run generate, append, search, time travel and OPTIMIZE there and in local mode on scratch lakes, "
                + "and print the timings side by side. Never touches --lake."})
public final class ClusterDemoCommand extends LakeCommand {
    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a new temporary folder).")
    Path work;

    @Option(names = "--size", defaultValue = "TINY", description = "Lake size to generate: TINY (default), SMALL, MEDIUM, …")
    DatasetSize size;

    @Option(names = "--cores", defaultValue = "2", description = "Cores the worker offers (default 2).")
    int cores;

    @Option(names = "--worker-memory", defaultValue = "2g", description = "Worker memory (default 2g).")
    String memory;

    @Option(names = "--local-master", defaultValue = "local[2]", description = "Master of the local comparison run (default local[2]).")
    String localMaster;

    @Override
    protected int run(AppContext ctx) {
        if (cores < 1 || cores > 64) {
            throw new LakeLensException("--cores must be between 1 and 64, not " + cores + ".");
        }
        if (!memory.matches("\\d{1,6}[mMgG]")) {
            throw new LakeLensException("--worker-memory takes a size like 2g or 1536m, not '" + Errors.clip(memory) + "'.");
        }
        Path dir = scratch();
        out().println("Local run (" + localMaster + ") on " + dir.resolve("local-lake"));
        out().flush();
        List<ClusterDemo.Step> local = ClusterDemo.run(localMaster, dir.resolve("local-lake"), size, this::line);
        out().println("Starting a standalone master and worker on 127.0.0.1 …");
        out().flush();
        List<ClusterDemo.Step> cluster;
        long t0 = System.nanoTime();
        try (StandaloneCluster c = StandaloneCluster.start(dir, cores, memory)) {
            out().printf("Cluster %s up in %d ms; cluster run on %s%n", c.masterUrl(), (System.nanoTime() - t0) / 1_000_000,
                    dir.resolve("cluster-lake"));
            out().flush();
            try {
                cluster = ClusterDemo.run(c.masterUrl(), dir.resolve("cluster-lake"), size, this::line);
            } catch (RuntimeException e) {
                throw new LakeLensException("The cluster run failed: " + io.lakelens.lake.Errors.rootMessage(e)
                        + " (logs: " + c.logs() + ")", e);
            }
        }
        out().println();
        String table = ClusterDemo.compare(localMaster, local, "cluster", cluster);
        out().print(table);
        try {
            Files.writeString(dir.resolve("cluster-demo.txt"), table);
        } catch (IOException ignored) {
            // the table is on stdout already
        }
        return table.contains("NO:") ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    private void line(String s) {
        out().println(s);
        out().flush();
    }

    private Path scratch() {
        try {
            if (work == null) {
                return Files.createTempDirectory("lakelens-cluster-demo");
            }
            Files.createDirectories(work);
            try (var entries = Files.list(work)) {
                if (entries.findAny().isPresent()) {
                    throw new LakeLensException("The scratch folder " + work + " is not empty; cluster-demo only runs in an empty folder.");
                }
            }
            return work.toAbsolutePath();
        } catch (IOException e) {
            throw new LakeLensException("Cannot create the scratch folder: " + e.getMessage(), e);
        }
    }

    private static final class Errors {
        static String clip(String s) {
            return io.lakelens.lake.Errors.abbreviate(s);
        }
    }
}
