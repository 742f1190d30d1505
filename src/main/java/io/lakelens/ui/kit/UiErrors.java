package io.lakelens.ui.kit;

import io.lakelens.LakeLensException;
import javafx.beans.value.WritableStringValue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line an analyst reads; never a stack trace. */
public final class UiErrors {
    private static final int MAX = 300;

    private UiErrors() {
    }

    public static String message(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UndeclaredThrowableException || t instanceof InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LakeLensException) {
                return oneLine(c.getMessage());
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage();
        return oneLine("Unexpected error: " + text);
    }

    /** Shows {@code failure} on a view model's error line and fails the caller's {@code stage} with it. */
    public static void fail(WritableStringValue line, Throwable failure, CompletableFuture<?> stage) {
        line.set(message(failure));
        stage.completeExceptionally(failure);
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "Unexpected error.";
        }
        String line = s.strip().lines().findFirst().orElse("").strip();
        return line.length() > MAX ? line.substring(0, MAX - 1) + "…" : line;
    }
}
