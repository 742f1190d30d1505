package io.lakelens.ui.timetravel;

import io.lakelens.lake.VersionDiff;
import io.lakelens.ui.kit.RunningTask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the Time Travel sections share: cancelling a step, reading key and column lists. */
final class Sections {
    private Sections() {
    }

    static void cancel(RunningTask task) {
        if (task != null && !task.isDone()) {
            task.cancel();
        }
    }

    /** Columns that changed in the shown rows come first, so the edit is visible without scrolling. */
    static List<String> changedFirst(List<String> columns, List<VersionDiff.RowChange> rows) {
        Set<String> changed = new HashSet<>();
        rows.stream().filter(r -> r.kind() == VersionDiff.ChangeKind.CHANGED)
                .forEach(r -> r.changes().forEach(c -> changed.add(c.column())));
        List<String> out = new ArrayList<>(columns.stream().filter(changed::contains).toList());
        columns.stream().filter(c -> !changed.contains(c)).forEach(out::add);
        return out;
    }

    /** Key columns typed comma-separated; empty means the table's default key. */
    static List<String> keyColumns(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
