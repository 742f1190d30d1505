package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.lake.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "health", mixinStandardHelpOptions = true, description = "Check Spark, the lake and the cache; print component versions.")
public final class HealthCommand extends LakeCommand {
    @Option(names = "--format", defaultValue = "table", description = "table or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        Map<String, String[]> checks = new LinkedHashMap<>();
        boolean ok = true;
        var root = ctx.config().lakeRoot();
        boolean lakeOk = Files.isDirectory(root) && Files.isReadable(root);
        checks.put("lake", new String[]{lakeOk ? "ok" : "missing", root + (lakeOk ? " (" + ctx.engine().tableNames().size() + " tables"
                + (Files.isWritable(root) && !ctx.config().readOnly() ? ", writable)" : ", read-only)") : " does not exist")});
        long t0 = System.nanoTime();
        try {
            var spark = ctx.engine().spark();
            spark.range(1).count();
            checks.put("spark", new String[]{"ok", ctx.config().sparkMaster() + ", Spark " + spark.version()
                    + ", started in " + (System.nanoTime() - t0) / 1_000_000 + " ms"});
        } catch (RuntimeException e) {
            ok = false;
            checks.put("spark", new String[]{"down", Errors.rootMessage(e)});
        }
        checks.put("delta", new String[]{"ok", "Delta " + VersionProvider.delta()});
        for (var extra : HealthChecks.extra(ctx)) {
            checks.put(extra[0], new String[]{extra[1], extra[2]});
        }
        checks.put("java", new String[]{"ok", System.getProperty("java.vendor") + " " + System.getProperty("java.version")});
        checks.put("lakelens", new String[]{"ok", VersionProvider.version()});
        List<List<Object>> rows = new ArrayList<>();
        checks.forEach((k, v) -> rows.add(List.of(k, v[0], v[1])));
        Output.rows(out(), format, List.of("component", "status", "detail"), rows);
        return ok ? ExitCode.OK : ExitCode.USER_ERROR;
    }
}
