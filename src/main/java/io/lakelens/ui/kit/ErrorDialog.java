package io.lakelens.ui.kit;

import io.lakelens.UserHome;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Window;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * The workbench's one error dialog: the one-line reason as its header, the details (what
 * failed, each cause, then the stack trace for a bug report) folded away until asked for,
 * "Copy details" and "Open log folder". Call on the FX thread.
 */
public final class ErrorDialog {
    public static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
    public static final ButtonType LOGS = new ButtonType("Open log folder", ButtonBar.ButtonData.LEFT);

    private ErrorDialog() {
    }

    /** The dialog for {@code error}, not shown yet; tests look at it, {@link #show} shows it. */
    public static Alert build(Window owner, String what, Throwable error, Path logFolder, Notifier notifier) {
        Alert alert = new Alert(Alert.AlertType.ERROR, null, COPY, LOGS, ButtonType.CLOSE);
        alert.setTitle("LakeLens — " + (what == null || what.isBlank() ? "error" : what));
        alert.setHeaderText(UiErrors.message(error));
        alert.setContentText("Details are below (folded), and in the log folder " + logFolder + ".");
        TextArea details = new TextArea(details(what, error));
        details.setId("errorDetails");
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        alert.getDialogPane().setExpanded(false);
        if (owner != null) {
            alert.initOwner(owner);
        }
        // The two left buttons act without closing the dialog.
        Button copy = (Button) alert.getDialogPane().lookupButton(COPY);
        copy.setId("copyErrorDetails");
        copy.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(details.getText());
            Clipboard.getSystemClipboard().setContent(c);
            e.consume();
        });
        Button logs = (Button) alert.getDialogPane().lookupButton(LOGS);
        logs.setId("openLogFolder");
        logs.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            Folders.open(logFolder, notifier);
            e.consume();
        });
        return alert;
    }

    public static void show(Window owner, String what, Throwable error, Notifier notifier) {
        build(owner, what, error, UserHome.logFolder(), notifier).show();
    }

    /** What failed, the chain of causes (one line each), then the stack trace. */
    public static String details(String what, Throwable error) {
        StringBuilder sb = new StringBuilder();
        if (what != null && !what.isBlank()) {
            sb.append(what).append('\n');
        }
        sb.append(UiErrors.message(error)).append("\n\nCauses:\n");
        for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append("  ").append(c.getClass().getName()).append(": ").append(c.getMessage() == null ? "" : c.getMessage()
                    .strip().lines().findFirst().orElse("")).append('\n');
        }
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        sb.append("\nStack trace:\n").append(trace);
        return sb.toString();
    }
}
