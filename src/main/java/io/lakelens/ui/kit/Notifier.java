package io.lakelens.ui.kit;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.function.Consumer;

/**
 * The workbench's notifications: failures and results an analyst must see, shown by the
 * shell as toasts. Callable from any thread; the list changes on the UI thread.
 */
public final class Notifier {
    /** How serious a notice is; the view picks colour and icon from it. */
    public enum Level {
        INFO, SUCCESS, WARNING, ERROR
    }

    /** One notice, one line of text; a failure keeps its cause so the error dialog can show the details. */
    public record Notice(Level level, String text, Throwable cause) {
        public Notice(Level level, String text) {
            this(level, text, null);
        }
    }

    private static final int KEEP = 4;
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final Consumer<Runnable> ui;

    public Notifier(Consumer<Runnable> ui) {
        this.ui = ui;
    }

    /** Newest last; at most a few are kept so a burst of failures does not bury the window. */
    public ObservableList<Notice> notices() {
        return notices;
    }

    public void info(String text) {
        post(new Notice(Level.INFO, text));
    }

    public void success(String text) {
        post(new Notice(Level.SUCCESS, text));
    }

    public void warning(String text) {
        post(new Notice(Level.WARNING, text));
    }

    public void error(String text) {
        post(new Notice(Level.ERROR, text));
    }

    /** A failed task: its one-line message (never a stack trace); the notice offers the details. */
    public void error(Throwable failure) {
        post(new Notice(Level.ERROR, UiErrors.message(failure), failure));
    }

    public void dismiss(Notice notice) {
        ui.accept(() -> notices.remove(notice));
    }

    private void post(Notice notice) {
        ui.accept(() -> {
            notices.add(notice);
            while (notices.size() > KEEP) {
                notices.remove(0);
            }
        });
    }
}
