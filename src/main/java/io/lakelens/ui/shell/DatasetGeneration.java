package io.lakelens.ui.shell;

import io.lakelens.LakeLensException;
import io.lakelens.data.DatasetSize;
import io.lakelens.lake.LakeEngine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Generates a synthetic dataset into the window's lake, reporting progress to a task and
 * stopping when the task is cancelled. Adapter over {@code io.lakelens.data.LakeGenerator}.
 */
public final class DatasetGeneration {
    /** The seed the first-run panel and screenshot mode use, so their lakes are alike. */
    public static final long DEFAULT_SEED = 42;

    private DatasetGeneration() {
    }

    public static void generate(LakeEngine engine, DatasetSize size, long seed, TaskContext task) {
        try {
            Class<?> generatorClass = Class.forName("io.lakelens.data.LakeGenerator");
            Class<?> listenerClass = listenerClass();
            Object listener = Proxy.newProxyInstance(DatasetGeneration.class.getClassLoader(),
                    new Class<?>[]{listenerClass}, (proxy, method, args) -> switch (method.getName()) {
                        case "progress" -> {
                            task.progress(((Number) args[0]).doubleValue(), String.valueOf(args[1]));
                            yield null;
                        }
                        case "isCancelled" -> task.isCancelled();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "generation of " + size;
                        default -> null;
                    });
            Object generator = generatorClass.getConstructor(LakeEngine.class).newInstance(engine);
            Method generate = generatorClass.getMethod("generate", DatasetSize.class, long.class, listenerClass);
            generate.invoke(generator, size, seed, listener);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new LakeLensException("Generating the " + size.label() + " dataset failed: " + UiErrors.message(cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new LakeLensException("This build has no dataset generator; run `lakelens generate` from a build that has one.", e);
        }
    }

    private static Class<?> listenerClass() throws ClassNotFoundException {
        try {
            return Class.forName("io.lakelens.data.GenerationListener");
        } catch (ClassNotFoundException e) {
            return Class.forName("io.lakelens.data.LakeGenerator$GenerationListener");
        }
    }
}
