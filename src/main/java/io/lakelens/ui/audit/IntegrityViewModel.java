package io.lakelens.ui.audit;

import io.lakelens.LakeLensException;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.TimelineNode;
import io.lakelens.ui.kit.Notifier;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The integrity section: a version's rows checked against its stored checksum (recorded when missing). */
public final class IntegrityViewModel {
    private final Integrity integrity;
    private final ObservableStringValue table;
    private final ObservableObjectValue<TimelineNode> selected;
    private final AuditSteps steps;
    private final Notifier notifier;

    private final ObservableList<Integrity.Verification> checks = FXCollections.observableArrayList();

    /** @param selected the commit selected in the history section */
    IntegrityViewModel(Integrity integrity, ObservableStringValue table, ObservableObjectValue<TimelineNode> selected,
                       AuditSteps steps, Notifier notifier) {
        this.integrity = integrity;
        this.table = table;
        this.selected = selected;
        this.steps = steps;
        this.notifier = notifier;
    }

    /** Integrity results, in the order they were checked. */
    public ObservableList<Integrity.Verification> checks() {
        return checks;
    }

    /** Verifies the selected version, recording its checksum if none is stored (unless read-only). */
    public CompletableFuture<Integrity.Verification> verifySelected() {
        TimelineNode n = selected.get();
        if (n == null) {
            return steps.refuse(new LakeLensException("Select a version to verify."));
        }
        String t = table.get();
        return steps.run("Verifying version " + n.version() + " of " + t, () -> integrity.verify(t, n.version(), true), v -> {
            checks.add(0, v);
            steps.message(v.message());
            if (v.status().failed()) {
                notifier.warning(v.message());
            }
        });
    }

    /** Re-verifies every version with a stored checksum and records the latest's if missing. */
    public CompletableFuture<List<Integrity.Verification>> verifyAll() {
        String t = table.get();
        return steps.run("Verifying " + t, () -> integrity.verifyAll(t, true), list -> {
            checks.setAll(list);
            long failed = list.stream().filter(v -> v.status().failed()).count();
            String text = failed == 0 ? "All " + list.size() + " checked version" + (list.size() == 1 ? "" : "s") + " of " + t
                    + " match their checksums." : failed + " version" + (failed == 1 ? "" : "s") + " of " + t + " failed verification.";
            steps.message(text);
            if (failed > 0) {
                notifier.warning(text);
            }
        });
    }
}
