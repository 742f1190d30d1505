package io.lakelens.reliability;

import java.util.ArrayList;
import java.util.List;

/** Collects scenario results and prints them as one table. Thread-safe. */
public final class ReliabilityReport {
    private final List<ScenarioResult> results = new ArrayList<>();

    public synchronized void add(ScenarioResult r) {
        results.add(r);
    }

    public synchronized List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    public synchronized long lostRows() {
        return results.stream().mapToLong(ScenarioResult::lostRows).sum();
    }

    /** The summary table: one row per scenario and a total row. */
    public synchronized String table() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"scenario", "operations", "failures", "lost rows", "detail"});
        long ops = 0;
        long fails = 0;
        long lost = 0;
        for (ScenarioResult r : results) {
            rows.add(new String[]{r.scenario(), Long.toString(r.operations()), Long.toString(r.failures()),
                    Long.toString(r.lostRows()), r.detail()});
            ops += r.operations();
            fails += r.failures();
            lost += r.lostRows();
        }
        rows.add(new String[]{"TOTAL (" + results.size() + " runs)", Long.toString(ops), Long.toString(fails),
                Long.toString(lost), lost == 0 ? "no lost rows" : "ROWS LOST"});
        int[] w = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < 5; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            if (k == rows.size() - 1 || k == 1) {
                sb.append(rule(w));
            }
            sb.append(String.format("%-" + w[0] + "s  %" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %s%n",
                    r[0], r[1], r[2], r[3], r[4]));
        }
        return sb.toString();
    }

    private static String rule(int[] w) {
        return "-".repeat(w[0]) + "  " + "-".repeat(w[1]) + "  " + "-".repeat(w[2]) + "  " + "-".repeat(w[3]) + "  "
                + "-".repeat(Math.max(6, w[4])) + System.lineSeparator();
    }
}
