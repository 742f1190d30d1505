package io.lakelens;

/**
 * A failure the user can act on: bad input, a missing table, an unreadable version.
 * Its message is one human line naming what is wrong and what to do; the CLI maps it
 * to exit code 1 and the UI shows it as a notification, never as a stack trace.
 */
public class LakeLensException extends RuntimeException {
    public LakeLensException(String message) {
        super(message);
    }

    public LakeLensException(String message, Throwable cause) {
        super(message, cause);
    }
}
