package io.lakelens.ui.audit;

import io.lakelens.analytics.quality.QualityChecker;
import io.lakelens.lake.Integrity;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.TimeTravel;
import io.lakelens.lake.Timeline;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.kit.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Audit tab: the picked table and its sections (history, row trail, integrity, export,
 * data quality) and the regulatory report. History, trail, integrity and export run one step
 * at a time (a new one cancels the last) and share the busy mark, the error line and the last
 * outcome shown to the analyst; the quality check and the report, which read every version of
 * a period, run on their own with progress and cancel. A history read sets the export's and
 * the report's version range; the export includes the row trail's row.
 */
public final class AuditViewModel {
    private final StringProperty table = new SimpleStringProperty("");
    private final AuditSteps steps;
    private final HistoryViewModel history;
    private final RowTrailViewModel trail;
    private final IntegrityViewModel integrity;
    private final ExportViewModel export;
    private final QualityViewModel quality;
    private final ReportViewModel report;

    /**
     * @param engine  the lake the export and the report read, and whose tables they never write into
     * @param checker the data-quality checks of the quality section and the report
     */
    public AuditViewModel(LakeEngine engine, TimeTravel timeTravel, Integrity integrity, QualityChecker checker, TaskExecutor tasks,
                          Notifier notifier) {
        this.steps = new AuditSteps(tasks);
        this.history = new HistoryViewModel(timeTravel, table, steps, this::exportRange);
        this.trail = new RowTrailViewModel(timeTravel, table, history.timelineProperty(), steps);
        this.integrity = new IntegrityViewModel(integrity, table, history.selectedProperty(), steps, notifier);
        this.export = new ExportViewModel(engine, table, trail.trailProperty(), trail.keyTextProperty(), steps, notifier);
        this.quality = new QualityViewModel(checker, table, tasks);
        this.report = new ReportViewModel(engine, checker, table, tasks, notifier);
    }

    private void exportRange(Timeline tl) {
        export.range(tl);
        report.range(tl);
    }

    public StringProperty tableProperty() {
        return table;
    }

    public HistoryViewModel historyModel() {
        return history;
    }

    public RowTrailViewModel trailModel() {
        return trail;
    }

    public IntegrityViewModel integrityModel() {
        return integrity;
    }

    public ExportViewModel exportModel() {
        return export;
    }

    public QualityViewModel qualityModel() {
        return quality;
    }

    public ReportViewModel reportModel() {
        return report;
    }

    /** The last outcome for people (export written, verification result); empty at first. */
    public ReadOnlyStringProperty messageProperty() {
        return steps.messageProperty();
    }

    /** The last failure of any section in one line; empty when the last step succeeded. */
    public ReadOnlyStringProperty errorProperty() {
        return steps.errorProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return steps.busyProperty();
    }

    /** Cancels the step and the quality check running (leaving the tab); a report being written goes on. */
    public void cancel() {
        steps.cancel();
        quality.cancel();
    }
}
