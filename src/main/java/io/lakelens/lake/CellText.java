package io.lakelens.lake;

import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * A cell value as people read it, the same in grids, diffs, exports and the command line:
 * structs as {@code {x: 1.0, tag: {name: a}}}, arrays as {@code [a, b]}, maps as
 * {@code {k: 1}}, null as {@code null} inside them, decimals in plain notation (never
 * {@code 1E+37}), binary as hex, variants as their JSON. Stateless; thread-safe.
 */
public final class CellText {
    private CellText() {
    }

    /** The text of a value; a top-level null is the empty string. */
    public static String of(Object v) {
        return v == null ? "" : nested(v);
    }

    private static String nested(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Row r) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String name = r.schema() != null ? r.schema().fields()[i].name() : String.valueOf(i);
                sb.append(name).append(": ").append(nested(r.get(i)));
            }
            return sb.append('}').toString();
        }
        if (v instanceof scala.collection.Map<?, ?> m) {
            return map(scala.jdk.javaapi.CollectionConverters.asJava(m).entrySet().iterator());
        }
        if (v instanceof Map<?, ?> m) {
            return map(m.entrySet().iterator());
        }
        if (v instanceof scala.collection.Iterable<?> it) {
            return list(scala.jdk.javaapi.CollectionConverters.asJava(it).iterator());
        }
        if (v instanceof Iterable<?> it) {
            return list(it.iterator());
        }
        if (v.getClass().isArray() && !v.getClass().getComponentType().isPrimitive()) {
            return list(java.util.Arrays.asList((Object[]) v).iterator());
        }
        return String.valueOf(v);
    }

    private static String list(Iterator<?> it) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(nested(it.next()));
            first = false;
        }
        return sb.append(']').toString();
    }

    private static String map(Iterator<? extends Map.Entry<?, ?>> it) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            if (!first) {
                sb.append(", ");
            }
            sb.append(nested(e.getKey())).append(": ").append(nested(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }
}
