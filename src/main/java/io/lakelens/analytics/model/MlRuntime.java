package io.lakelens.analytics.model;

import java.lang.reflect.Field;

/** Settings of MLlib's runtime that LakeLens fixes once per process. */
final class MlRuntime {
    private static volatile boolean done;

    private MlRuntime() {
    }

    /**
     * Points MLlib's BLAS at its pure-Java implementation before first use. Left alone, the
     * first prediction tries the system's native BLAS, and where none is installed its loader
     * writes a line straight to the terminal; the trees use BLAS only for a dot product of
     * tree weights, where native code gains nothing.
     */
    static synchronized void quietBlas() {
        if (done) {
            return;
        }
        done = true;
        dev.ludovic.netlib.blas.BLAS java = dev.ludovic.netlib.blas.JavaBLAS.getInstance();
        for (String holder : new String[]{"org.apache.spark.ml.linalg.BLAS$", "org.apache.spark.mllib.linalg.BLAS$"}) {
            try {
                Field f = Class.forName(holder).getDeclaredField("_nativeBLAS");
                f.setAccessible(true);
                if (f.get(null) == null) {
                    f.set(null, java);
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // another Spark build: MLlib picks its BLAS itself
            }
        }
    }
}
