package io.lakelens.api;

/**
 * A request the API refuses, answered as {@code {"error": code, "message": "…"}} with an HTTP
 * status. The message is one line for a person; it never carries a stack trace.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
