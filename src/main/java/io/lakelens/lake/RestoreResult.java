package io.lakelens.lake;

import java.util.Map;

/**
 * A finished restore.
 *
 * @param newVersion the restore commit's version (it records the user and the reason)
 * @param metrics    Delta's restore metrics (files restored and removed, sizes)
 */
public record RestoreResult(String table, long restoredTo, long newVersion, Map<String, String> metrics) {
}
