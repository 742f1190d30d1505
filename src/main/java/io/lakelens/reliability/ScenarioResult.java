package io.lakelens.reliability;

/**
 * The outcome of one reliability scenario run.
 *
 * @param scenario   what was exercised
 * @param operations writes (or requests) attempted
 * @param failures   attempts that failed and were reported to the caller (never silently dropped)
 * @param lostRows   acknowledged rows missing afterwards, plus rows present that no acknowledged
 *                   write put there (partial or phantom writes); must be 0
 * @param detail     one line: retries, waits, where a kill landed, …
 */
public record ScenarioResult(String scenario, long operations, long failures, long lostRows, String detail) {
}
