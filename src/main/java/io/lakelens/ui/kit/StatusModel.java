package io.lakelens.ui.kit;

import io.lakelens.search.StrategyKind;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.function.Consumer;

/**
 * The status bar's state: the last operation any tab finished, with its latency, strategy,
 * cache outcome and Delta version. Tabs call {@link #report}; callable from any thread.
 */
public final class StatusModel {
    private final ReadOnlyObjectWrapper<OperationReport> last = new ReadOnlyObjectWrapper<>();
    private final Consumer<Runnable> ui;

    public StatusModel(Consumer<Runnable> ui) {
        this.ui = ui;
    }

    public void report(OperationReport report) {
        ui.accept(() -> last.set(report));
    }

    /** The last report, null before the first operation. */
    public ReadOnlyObjectProperty<OperationReport> lastProperty() {
        return last.getReadOnlyProperty();
    }

    /** The strategy of the last report that had one, for the screenshot footer. */
    public StrategyKind lastStrategy() {
        OperationReport r = last.get();
        return r == null ? null : r.strategy().orElse(null);
    }
}
