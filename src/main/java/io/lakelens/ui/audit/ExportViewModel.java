package io.lakelens.ui.audit;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.AsOfs;
import io.lakelens.lake.AuditExport;
import io.lakelens.lake.AuditReport;
import io.lakelens.lake.LakeEngine;
import io.lakelens.lake.RowTrail;
import io.lakelens.lake.Timeline;
import io.lakelens.ui.kit.Notifier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableObjectValue;
import javafx.beans.value.ObservableStringValue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** The export section: the audit report of a version range (with the traced row's history) as HTML or CSV. */
public final class ExportViewModel {
    private final LakeEngine engine;
    private final ObservableStringValue table;
    private final ObservableObjectValue<RowTrail> trail;
    private final ObservableStringValue trailKey;
    private final AuditSteps steps;
    private final Notifier notifier;

    private final StringProperty exportFrom = new SimpleStringProperty("0");
    private final StringProperty exportTo = new SimpleStringProperty("latest");
    private final BooleanProperty exportTrail = new SimpleBooleanProperty(true);

    /**
     * @param engine   the lake the report reads, and the folder it never writes into
     * @param trail    the row-trail section's trail, included when asked for
     * @param trailKey the key that trail was traced by
     */
    ExportViewModel(LakeEngine engine, ObservableStringValue table, ObservableObjectValue<RowTrail> trail,
                    ObservableStringValue trailKey, AuditSteps steps, Notifier notifier) {
        this.engine = engine;
        this.table = table;
        this.trail = trail;
        this.trailKey = trailKey;
        this.steps = steps;
        this.notifier = notifier;
    }

    public StringProperty exportFromProperty() {
        return exportFrom;
    }

    public StringProperty exportToProperty() {
        return exportTo;
    }

    /** Whether the report includes the traced row's history. */
    public BooleanProperty exportTrailProperty() {
        return exportTrail;
    }

    /** The whole history of a freshly read timeline. */
    void range(Timeline tl) {
        exportTo.set(String.valueOf(tl.latest()));
        exportFrom.set(String.valueOf(tl.earliest()));
    }

    /** The report's file name in a folder: {@code audit-TABLE-vFROM-TO.html}. */
    public String exportFileName(AuditExport.Format format) {
        return "audit-" + table.get() + "-v" + exportFrom.get().strip() + "-" + exportTo.get().strip().replace(':', '-')
                + (format == AuditExport.Format.HTML ? ".html" : ".csv");
    }

    /** Writes the audit report for the export range into {@code folder}; never outside it. */
    public CompletableFuture<Path> export(Path folder, AuditExport.Format format) {
        String t = table.get();
        String key = exportTrail.get() && trail.get() != null ? trailKey.get() : null;
        AsOf from;
        AsOf to;
        Path file;
        try {
            from = AsOfs.parse(exportFrom.get());
            to = AsOfs.parse(exportTo.get());
            file = AuditExport.fileIn(folder, exportFileName(format), engine.lakeRoot());
        } catch (LakeLensException e) {
            return steps.refuse(e);
        }
        return steps.run("Exporting the audit report of " + t, () -> {
            AuditReport report = AuditReport.build(engine, t, from, to, key, false);
            return AuditExport.write(report, file, engine.lakeRoot());
        }, p -> {
            steps.message("Audit report written to " + p);
            notifier.success("Audit report written to " + p);
        });
    }
}
