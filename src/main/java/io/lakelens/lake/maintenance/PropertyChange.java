package io.lakelens.lake.maintenance;

import java.util.List;

/**
 * A validated set of table-property changes, ready to confirm and apply. The statement is
 * built from allow-listed keys and canonical values only.
 *
 * @param changes   each key with its current and new value
 * @param statement the {@code ALTER TABLE … SET TBLPROPERTIES} that {@link PropertyEditor#apply} runs
 * @param warnings  consequences the analyst should confirm knowingly (may be empty)
 */
public record PropertyChange(String table, long baseVersion, List<Item> changes, String statement, List<String> warnings) {

    /** One property: its value now (Delta's default when unset) and the value it will have. */
    public record Item(DeltaProperty property, String currentValue, boolean currentIsDefault, String newValue) {
        public boolean changes() {
            return !currentValue.equals(newValue) || currentIsDefault;
        }
    }

    /** A reason for the commit when the analyst gives none. */
    public String defaultReason() {
        return "set " + String.join(", ", changes.stream().map(i -> i.property().key() + "=" + i.newValue()).toList());
    }
}
