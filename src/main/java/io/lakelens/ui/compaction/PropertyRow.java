package io.lakelens.ui.compaction;

import io.lakelens.lake.maintenance.DeltaProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable table property: its value now and the value the analyst typed. */
public final class PropertyRow {
    private final DeltaProperty property;
    private final String current;
    private final boolean isDefault;
    private final StringProperty edit;

    PropertyRow(DeltaProperty property, String current, boolean isDefault) {
        this.property = property;
        this.current = current;
        this.isDefault = isDefault;
        this.edit = new SimpleStringProperty(current);
    }

    public DeltaProperty property() {
        return property;
    }

    public String key() {
        return property.key();
    }

    public String current() {
        return current;
    }

    /** True when the table does not set it and Delta's default applies. */
    public boolean isDefault() {
        return isDefault;
    }

    public String description() {
        return property.description();
    }

    /** The value as typed; a change when it differs from {@link #current()}. */
    public StringProperty editProperty() {
        return edit;
    }

    boolean changed() {
        String e = edit.get() == null ? "" : edit.get().strip();
        return !e.isEmpty() && !e.equalsIgnoreCase(current);
    }
}
