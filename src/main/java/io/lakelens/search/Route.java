package io.lakelens.search;

import java.util.Locale;

/** How Delta was read for an answer: Delta Kernel in this JVM, or a Spark job. */
public enum Route {
    /** Delta Kernel: no Spark planning or tasks; files pruned by statistics and LakeLens's term index. */
    KERNEL,
    /** Spark DataFrame: parallel scan and sort for broad searches. */
    SPARK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Which routes a search may take. */
    public enum Choice {
        /** Kernel when the files left after pruning are small enough, else Spark. */
        AUTO, KERNEL, SPARK
    }
}
