package io.lakelens.analytics;

import io.lakelens.LakeLensException;

import java.util.Locale;

/** File formats a query result can be exported to. */
public enum ExportFormat {
    CSV("csv", "CSV"), PARQUET("parquet", "Parquet"), JSON("json", "JSON lines");

    private final String extension;
    private final String label;

    ExportFormat(String extension, String label) {
        this.extension = extension;
        this.label = label;
    }

    /** File-name extension without the dot. */
    public String extension() {
        return extension;
    }

    public String label() {
        return label;
    }

    public static ExportFormat parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.extension.equals(t)) {
                return f;
            }
        }
        throw new LakeLensException("Unknown export format '" + text + "'; choose csv, parquet or json.");
    }
}
