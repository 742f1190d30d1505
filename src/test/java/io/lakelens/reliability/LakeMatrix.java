package io.lakelens.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real command line on the tables of {@link RealLake} and records each outcome in a
 * table × command matrix: ok, a clear refusal (exit 1, one line, no stack trace) with its
 * reason, or a failure (anything else). The matrix is written to
 * {@code target/real-lake-matrix.md} as the tests fill it, with how long each cell took
 * beneath it (where the suite's time goes).
 */
final class LakeMatrix {
    enum Outcome { OK, REFUSED, FAILED }

    /** One cell: what happened and the line that says why (the refusal, or what went wrong). */
    record Cell(Outcome outcome, String detail, CliRun run, long millis) {
        String text() {
            return switch (outcome) {
                case OK -> "ok";
                case REFUSED -> "refused: " + detail;
                case FAILED -> "FAILED: " + detail;
            };
        }
    }

    /**
     * What a command must do on a table: work, or be refused with a line containing
     * {@code reason} (case-insensitive).
     */
    record Expect(Outcome outcome, String reason, String why) {
        static Expect ok() {
            return new Expect(Outcome.OK, "", "");
        }

        static Expect refused(String reason, String why) {
            return new Expect(Outcome.REFUSED, reason, why);
        }

        boolean matches(Cell c) {
            return c.outcome() == outcome && (outcome != Outcome.REFUSED || c.detail().toLowerCase().contains(reason.toLowerCase()));
        }
    }

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");
    private static final Map<String, Map<String, Cell>> CELLS = new ConcurrentHashMap<>();
    private static final Path OUT = Path.of("target", "real-lake-matrix.md");

    private LakeMatrix() {
    }

    /** Runs {@code args} on the lake and classifies the outcome. */
    static Cell run(Path lake, String... args) {
        long t0 = System.nanoTime();
        CliRun r = CliRun.on(lake, args);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String all = r.out() + "\n" + r.err();
        if (STACK_FRAME.matcher(all).find() || all.contains("Exception:") || all.contains("internal error")) {
            return new Cell(Outcome.FAILED, firstLine(r.err().isBlank() ? r.out() : r.err()), r, ms);
        }
        if (r.code() == 0) {
            return new Cell(Outcome.OK, "", r, ms);
        }
        if (r.isCleanUserError()) {
            String line = r.err().strip().lines().filter(l -> !l.startsWith("… ")).findFirst().orElse("")
                    .replaceFirst("^lakelens: ", "");
            return new Cell(Outcome.REFUSED, line, r, ms);
        }
        return new Cell(Outcome.FAILED, "exit " + r.code() + ": " + firstLine(r.err()), r, ms);
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("(no output)");
    }

    static void record(String table, String command, Cell cell) {
        CELLS.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).put(command, cell);
        write();
    }

    static synchronized void write() {
        List<String> commands = new ArrayList<>(new java.util.TreeSet<>(CELLS.values().stream()
                .flatMap(m -> m.keySet().stream()).toList()));
        StringBuilder sb = new StringBuilder();
        table(sb, commands, cell -> cell.text().replace("|", "\\|").replace("\n", " "));
        sb.append("\nMilliseconds per cell:\n\n");
        table(sb, commands, cell -> String.valueOf(cell.millis()));
        try {
            Files.createDirectories(OUT.getParent());
            Files.writeString(OUT, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void table(StringBuilder sb, List<String> commands, java.util.function.Function<Cell, String> text) {
        sb.append("| table | ").append(String.join(" | ", commands)).append(" |\n|---|");
        commands.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (var e : new TreeMap<>(CELLS).entrySet()) {
            sb.append("| ").append(e.getKey().replace("|", "\\|")).append(" | ");
            for (String c : commands) {
                Cell cell = e.getValue().get(c);
                sb.append(cell == null ? "" : text.apply(cell)).append(" | ");
            }
            sb.append('\n');
        }
    }

    /** The first version the log can rebuild and the latest, from the names in {@code _delta_log}. */
    static long[] versions(Path table) {
        long first = Long.MAX_VALUE;
        long last = -1;
        java.util.TreeSet<Long> checkpoints = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("\\d{20}\\.json")) {
                    long v = Long.parseLong(n.substring(0, 20));
                    first = Math.min(first, v);
                    last = Math.max(last, v);
                } else if (n.matches("\\d{20}\\.checkpoint.*")) {
                    checkpoints.add(Long.parseLong(n.substring(0, 20)));
                }
            }
        } catch (IOException e) {
            return new long[]{0, 0};
        }
        // a log cleaned up to a checkpoint starts at the oldest checkpoint its commits follow
        Long start = first == Long.MAX_VALUE || first == 0 ? null : checkpoints.ceiling(first - 1);
        if (start != null) {
            first = start;
        }
        return new long[]{first == Long.MAX_VALUE ? 0 : first, Math.max(last, 0)};
    }
}
