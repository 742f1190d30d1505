package io.lakelens.analytics.model;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Settings of MLlib's runtime that LakeLens fixes once per process. */
final class MlRuntime {
    private static final String ALLOW_NATIVE = "dev.ludovic.netlib.blas.allowNative";
    /** Held so that its level stays set (java.util.logging keeps loggers weakly). */
    private static final Logger NETLIB_LOG = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    private static volatile boolean done;

    private MlRuntime() {
    }

    /**
     * Points MLlib's BLAS at its pure-Java implementation before first use. Left alone, the
     * first use of BLAS tries the system's native BLAS, and where none is installed its loader
     * writes a line straight to the terminal; the trees use BLAS only for a dot product of
     * tree weights, where native code gains nothing.
     */
    static synchronized void quietBlas() {
        if (done) {
            return;
        }
        done = true;
        // The netlib loader tries the native library as it initialises, whichever instance is
        // asked for, unless told not to; it then says so at INFO on java.util.logging's console.
        if (System.getProperty(ALLOW_NATIVE) == null) {
            System.setProperty(ALLOW_NATIVE, "false");
        }
        NETLIB_LOG.setLevel(Level.WARNING);
        BLAS java = JavaBLAS.getInstance();
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
