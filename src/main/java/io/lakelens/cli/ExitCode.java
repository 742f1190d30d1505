package io.lakelens.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes every command uses, as {@code --help} and the README list them. */
public final class ExitCode {
    public static final int OK = 0;
    /** Bad input, a wrong command line, or something the user can fix; one line says what to do. */
    public static final int USER_ERROR = 1;
    /** A fault inside LakeLens; {@code LAKELENS_DEBUG=1} prints the stack trace. */
    public static final int INTERNAL_ERROR = 2;
    /** The command ran and its check failed: verify found a mismatch, torture lost or failed rows, a cluster check did not hold. */
    public static final int CHECK_FAILED = 3;

    private ExitCode() {
    }

    /** For picocli's "Exit codes" help section. */
    static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("0", "Success.");
        m.put("1", "User error: bad input or command line (one line says what to do).");
        m.put("2", "Internal error (LAKELENS_DEBUG=1 prints the stack trace).");
        m.put("3", "Check failed: verify, torture or cluster-demo found a mismatch.");
        return m;
    }
}
