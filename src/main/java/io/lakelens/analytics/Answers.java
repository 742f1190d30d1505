package io.lakelens.analytics;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two answers field by field: records by component, lists by position, maps by key,
 * everything else by {@code equals}, except floating-point numbers, which agree when they are
 * within {@link #RELATIVE} of each other (or {@link #ABSOLUTE} of each other near zero) (two engines, or one engine with another partitioning,
 * add the same doubles in a different order). Used to check that every engine and strategy
 * returns the same answer.
 */
public final class Answers {
    /** Relative tolerance for doubles: far below any digit LakeLens shows, far above summation-order noise. */
    public static final double RELATIVE = 1e-9;
    /** Differences below this are noise whatever the magnitude (LakeLens shows at most 6 decimals). */
    public static final double ABSOLUTE = 1e-12;
    private static final int MAX_REPORTED = 5;

    private Answers() {
    }

    /** Where {@code actual} differs from {@code expected}, one line each (at most five); empty when they agree. */
    public static List<String> differences(Object expected, Object actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    /** Whether two doubles agree within {@link #RELATIVE} (NaN agrees with NaN). */
    public static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        if (a == b) {
            return true;
        }
        // an absolute floor too: a spread of equal returns is 0 in one engine and 1e-17 in another
        return Math.abs(a - b) <= Math.max(ABSOLUTE, RELATIVE * Math.max(Math.abs(a), Math.abs(b)));
    }

    private static void compare(String path, Object e, Object a, List<String> out) {
        if (out.size() >= MAX_REPORTED) {
            return;
        }
        if (e == null || a == null) {
            if (e != a) {
                out.add(at(path) + "expected " + e + ", got " + a);
            }
            return;
        }
        if ((e instanceof Double || e instanceof Float) && (a instanceof Double || a instanceof Float)) {
            if (!close(((Number) e).doubleValue(), ((Number) a).doubleValue())) {
                out.add(at(path) + "expected " + e + ", got " + a);
            }
            return;
        }
        if (e instanceof Record re && a instanceof Record ra && re.getClass() == ra.getClass()) {
            for (RecordComponent c : re.getClass().getRecordComponents()) {
                try {
                    compare(path + "." + c.getName(), c.getAccessor().invoke(re), c.getAccessor().invoke(ra), out);
                } catch (ReflectiveOperationException x) {
                    throw new IllegalStateException(x);
                }
            }
            return;
        }
        if (e instanceof List<?> le && a instanceof List<?> la) {
            if (le.size() != la.size()) {
                out.add(at(path) + "expected " + le.size() + " entries, got " + la.size());
            }
            for (int i = 0; i < Math.min(le.size(), la.size()); i++) {
                compare(path + "[" + i + "]", le.get(i), la.get(i), out);
            }
            return;
        }
        if (e instanceof Map<?, ?> me && a instanceof Map<?, ?> ma) {
            for (Object k : me.keySet()) {
                compare(path + "[" + k + "]", me.get(k), ma.get(k), out);
            }
            for (Object k : ma.keySet()) {
                if (!me.containsKey(k)) {
                    out.add(at(path + "[" + k + "]") + "unexpected entry " + ma.get(k));
                }
            }
            return;
        }
        if (e instanceof java.util.Optional<?> oe && a instanceof java.util.Optional<?> oa) {
            compare(path, oe.orElse(null), oa.orElse(null), out);
            return;
        }
        if (!Objects.equals(e, a)) {
            out.add(at(path) + "expected " + e + ", got " + a);
        }
    }

    private static String at(String path) {
        return path.isEmpty() ? "" : (path.startsWith(".") ? path.substring(1) : path) + ": ";
    }

}
