package io.lakelens.search;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.TimestampType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One compiled condition of a search, stated once for both read paths: a row test over Kernel
 * column vectors and a Spark {@link Column}, which must agree row for row (nulls never match),
 * plus what each can tell the Kernel path for skipping files: min/max statistics and the
 * distinct values of string columns. Immutable.
 */
sealed interface Condition permits Condition.Text, Condition.Bounds, Condition.OneOf {

    boolean test(ColumnVector[] v, int row);

    Column spark();

    /**
     * Whether some row could match, given the distinct lower-cased values of string columns in a
     * file or batch ({@code values} returns null for a column it does not know or that has too
     * many values). Must never say no when a row matches.
     */
    default boolean couldMatch(Function<String, Set<String>> values) {
        return true;
    }

    /** Adds min/max conditions that hold for every file holding a matching row (for skipping files only). */
    default void stats(List<Predicate> out) {
    }

    /** The string columns whose distinct values {@link #couldMatch} reads. */
    default List<String> valueColumns() {
        return List.of();
    }

    /** A column a condition reads: its place in the plan's vectors, name and type. */
    record Target(int index, String name, DataType type) {
    }

    /** A word: some of the columns contains it (or equals it, for columns matched exactly), case-insensitively. */
    record Text(String lower, List<Target> targets, List<Boolean> exact) implements Condition {
        public Text {
            targets = List.copyOf(targets);
            exact = List.copyOf(exact);
        }

        @Override
        public boolean test(ColumnVector[] v, int row) {
            for (int i = 0; i < targets.size(); i++) {
                ColumnVector c = v[targets.get(i).index()];
                if (!c.isNullAt(row) && matches(c.getString(row).toLowerCase(Locale.ROOT), i)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matches(String valueLower, int i) {
            return exact.get(i) ? valueLower.equals(lower) : valueLower.contains(lower);
        }

        @Override
        public Column spark() {
            Column any = functions.lit(false);
            for (int i = 0; i < targets.size(); i++) {
                Column l = functions.lower(SearchPlan.col(targets.get(i).name()));
                any = any.or(exact.get(i) ? l.equalTo(functions.lit(lower)) : l.contains(functions.lit(lower)));
            }
            return any;
        }

        @Override
        public boolean couldMatch(Function<String, Set<String>> values) {
            for (int i = 0; i < targets.size(); i++) {
                Set<String> known = values.apply(targets.get(i).name());
                if (known == null) {
                    return true;
                }
                for (String s : known) {
                    if (matches(s, i)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public List<String> valueColumns() {
            return targets.stream().map(Target::name).toList();
        }
    }

    /** How {@link Bounds} compares a column's values: as whole numbers, as doubles, or as they are. */
    enum Compare { LONG, DOUBLE, NATURAL }

    /**
     * {@code lo <= value <= hi} (or {@code < hi} when {@code hiExclusive}), either bound open.
     * Bounds are Long for {@link Compare#LONG}, Double for {@link Compare#DOUBLE}, and for
     * {@link Compare#NATURAL} the column's own value type (LocalDate, Instant, LocalDateTime, Boolean).
     */
    record Bounds(Target target, Compare compare, Object lo, Object hi, boolean hiExclusive) implements Condition {
        @Override
        public boolean test(ColumnVector[] v, int row) {
            Object x = Values.read(v[target.index()], target.type(), row);
            if (x == null) {
                return false;
            }
            if (lo != null && cmp(x, lo) < 0) {
                return false;
            }
            if (hi != null) {
                int c = cmp(x, hi);
                return hiExclusive ? c < 0 : c <= 0;
            }
            return true;
        }

        private int cmp(Object x, Object bound) {
            return switch (compare) {
                case LONG -> Long.compare(((Number) x).longValue(), (Long) bound);
                case DOUBLE -> Values.compareDoubles(Values.asDouble(x), (Double) bound);
                case NATURAL -> Values.compare(x, bound);
            };
        }

        @Override
        public Column spark() {
            Column c = SearchPlan.col(target.name());
            c = switch (compare) {
                case LONG -> c.cast("long");
                case DOUBLE -> c.cast("double");
                case NATURAL -> c;
            };
            Column cond = c.isNotNull();
            if (lo != null) {
                cond = cond.and(c.geq(functions.lit(lo)));
            }
            if (hi != null) {
                cond = cond.and(hiExclusive ? c.lt(functions.lit(hi)) : c.leq(functions.lit(hi)));
            }
            return cond;
        }

        /**
         * Only literal types that are exact for the column's statistics. Timestamp statistics are
         * kept to the millisecond (the maximum truncated), so a lower bound gives a millisecond of
         * slack; double lower bounds are left out, since NaN sorts above every number and the
         * statistics may not show it.
         */
        @Override
        public void stats(List<Predicate> out) {
            io.delta.kernel.expressions.Column c = new io.delta.kernel.expressions.Column(target.name());
            DataType t = target.type();
            if (t instanceof DateType && compare == Compare.NATURAL) {
                if (lo != null) {
                    out.add(new Predicate(">=", c, Literal.ofDate((int) ((LocalDate) lo).toEpochDay())));
                }
                if (hi != null) {
                    out.add(new Predicate(hiExclusive ? "<" : "<=", c, Literal.ofDate((int) ((LocalDate) hi).toEpochDay())));
                }
            } else if (t instanceof TimestampType && compare == Compare.NATURAL) {
                if (lo != null) {
                    long micros = Math.floorDiv(micros((Instant) lo), 1000L) * 1000L - 1000L;
                    out.add(new Predicate(">=", c, Literal.ofTimestamp(micros)));
                }
                if (hi != null) {
                    out.add(new Predicate(hiExclusive ? "<" : "<=", c, Literal.ofTimestamp(micros((Instant) hi))));
                }
            } else if (t instanceof LongType && compare == Compare.LONG) {
                if (lo != null) {
                    out.add(new Predicate(">=", c, Literal.ofLong((Long) lo)));
                }
                if (hi != null) {
                    out.add(new Predicate("<=", c, Literal.ofLong((Long) hi)));
                }
            } else if (t instanceof IntegerType && compare == Compare.LONG) {
                if (lo != null && (Long) lo >= Integer.MIN_VALUE && (Long) lo <= Integer.MAX_VALUE) {
                    out.add(new Predicate(">=", c, Literal.ofInt((int) (long) (Long) lo)));
                }
                if (hi != null && (Long) hi >= Integer.MIN_VALUE && (Long) hi <= Integer.MAX_VALUE) {
                    out.add(new Predicate("<=", c, Literal.ofInt((int) (long) (Long) hi)));
                }
            } else if (t instanceof DoubleType && compare == Compare.DOUBLE && hi != null && !((Double) hi).isNaN()) {
                out.add(new Predicate("<=", c, Literal.ofDouble((Double) hi)));
            }
        }

        private static long micros(Instant i) {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000L);
        }
    }

    /** The column equals one of the values, case-insensitively. */
    record OneOf(Target target, Set<String> lower) implements Condition {
        public OneOf {
            lower = Set.copyOf(lower);
        }

        @Override
        public boolean test(ColumnVector[] v, int row) {
            ColumnVector c = v[target.index()];
            return !c.isNullAt(row) && lower.contains(c.getString(row).toLowerCase(Locale.ROOT));
        }

        @Override
        public Column spark() {
            return functions.lower(SearchPlan.col(target.name())).isin(lower.stream().sorted().toArray());
        }

        @Override
        public boolean couldMatch(Function<String, Set<String>> values) {
            Set<String> known = values.apply(target.name());
            if (known == null) {
                return true;
            }
            for (String s : lower) {
                if (known.contains(s)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<String> valueColumns() {
            return List.of(target.name());
        }
    }
}
