package io.lakelens.cli;

/** The exit codes every command uses. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int INTERNAL_ERROR = 2;

    private ExitCode() {
    }
}
