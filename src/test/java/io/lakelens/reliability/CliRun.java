package io.lakelens.reliability;

import io.lakelens.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One command line run in this JVM through {@link Main#execute}, with what it printed. */
record CliRun(int code, String out, String err) {
    static CliRun on(Path lake, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--lake", lake.toString(), "--no-redis"));
        return raw(all.toArray(String[]::new));
    }

    static CliRun raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * A user error: exit code 1 and exactly one line on stderr (besides "… " progress lines of
     * long operations), with no exception or stack frame in it.
     */
    boolean isCleanUserError() {
        String e = String.join("\n", err.strip().lines().filter(l -> !l.startsWith("… ")).toList()).strip();
        return code == 1 && !e.isEmpty() && e.lines().count() == 1 && !e.contains("Exception")
                && e.lines().noneMatch(l -> l.strip().startsWith("at ")) && e.startsWith("lakelens: ");
    }
}
