package io.lakelens.lake;

import java.util.Locale;

/**
 * The kind of a commit as the timeline paints it. Each kind has a CSS style class and a
 * colour variable (a {@code -ll-*} name defined in the theme, never a literal here).
 */
public enum OperationKind {
    WRITE("write", "Write / append"),
    MERGE("merge", "Merge"),
    UPDATE("update", "Update"),
    DELETE("delete", "Delete"),
    OPTIMIZE("optimize", "Optimize"),
    VACUUM("vacuum", "Vacuum"),
    RESTORE("restore", "Restore"),
    SCHEMA_CHANGE("schema", "Schema change"),
    OTHER("other", "Table change");

    private final String id;
    private final String label;

    OperationKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Style class of timeline nodes and badges of this kind, e.g. {@code op-merge}. */
    public String styleClass() {
        return "op-" + id;
    }

    /** The looked-up colour that paints this kind, e.g. {@code -ll-op-merge}. */
    public String colorVariable() {
        return "-ll-op-" + id;
    }

    /**
     * The kind of a Delta operation name as {@code DESCRIBE HISTORY} reports it. A commit that
     * changed the schema is {@link #SCHEMA_CHANGE} whatever its operation; callers decide that
     * from the schemas, this method only reads the name.
     */
    public static OperationKind of(String operation) {
        String op = operation == null ? "" : operation.trim().toUpperCase(Locale.ROOT);
        if (op.equals("MERGE")) {
            return MERGE;
        }
        if (op.equals("UPDATE")) {
            return UPDATE;
        }
        if (op.equals("DELETE") || op.equals("TRUNCATE")) {
            return DELETE;
        }
        if (op.equals("OPTIMIZE") || op.startsWith("REORG")) {
            return OPTIMIZE;
        }
        if (op.startsWith("VACUUM")) {
            return VACUUM;
        }
        if (op.equals("RESTORE")) {
            return RESTORE;
        }
        if (op.equals("ADD COLUMNS") || op.equals("CHANGE COLUMN") || op.equals("CHANGE COLUMNS")
                || op.equals("REPLACE COLUMNS") || op.equals("RENAME COLUMN") || op.equals("DROP COLUMNS")) {
            return SCHEMA_CHANGE;
        }
        if (op.equals("WRITE") || op.equals("STREAMING UPDATE") || op.startsWith("CREATE") || op.startsWith("REPLACE")
                || op.equals("COPY INTO") || op.equals("CONVERT") || op.equals("CLONE") || op.endsWith("CLONE")) {
            return WRITE;
        }
        return OTHER;
    }
}
