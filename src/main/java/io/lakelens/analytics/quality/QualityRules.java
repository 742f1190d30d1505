package io.lakelens.analytics.quality;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the rules read one table: which columns are the key, the symbol, the date, the prices,
 * and the thresholds. Defaults come from the table's columns; what a user sets is kept per
 * table by {@link RuleStore}. A rule whose columns a version lacks is skipped at that version.
 *
 * @param priceColumns prices that must be positive
 * @param closeColumn  the price whose daily jumps are checked, and which must lie within low–high
 * @param jumpK        a daily log return further than k robust standard deviations (1.4826 × the
 *                     median absolute deviation of the symbol's returns) from the symbol's median is a jump
 * @param staleDays    a symbol whose newest row is more than this many of the table's trade dates old is stale
 * @param disabled     rules not run
 */
public record QualityRules(List<String> keyColumns, String symbolColumn, String dateColumn, List<String> priceColumns,
                           String closeColumn, String highColumn, String lowColumn, String volumeColumn, double jumpK,
                           int staleDays, Set<Rule> disabled) {
    public static final double DEFAULT_JUMP_K = 10;
    public static final int DEFAULT_STALE_DAYS = 5;

    public QualityRules {
        keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
        priceColumns = priceColumns == null ? List.of() : List.copyOf(priceColumns);
        disabled = disabled == null || disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
        if (!(jumpK > 0) || jumpK > 1000) {
            throw new LakeLensException("jump-k must be above 0 and at most 1000, not " + jumpK + ".");
        }
        if (staleDays < 1 || staleDays > 10_000) {
            throw new LakeLensException("stale-days must be 1 to 10,000, not " + staleDays + ".");
        }
    }

    /** The rules LakeLens assumes for a table with this schema. */
    public static QualityRules defaults(String table, StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> key = Tables.defaultKey(table).stream().allMatch(names::contains) ? Tables.defaultKey(table) : List.of();
        List<String> prices = new ArrayList<>();
        for (String c : List.of("open", "high", "low", "close", "vwap", "price", "avg_cost")) {
            if (numeric(schema, c)) {
                prices.add(c);
            }
        }
        String close = numeric(schema, "close") ? "close" : numeric(schema, "price") ? "price" : null;
        String date = names.contains("trade_date") ? "trade_date" : names.contains("as_of_date") ? "as_of_date" : null;
        return new QualityRules(key, names.contains("symbol") ? "symbol" : null, date, prices, close,
                numeric(schema, "high") ? "high" : null, numeric(schema, "low") ? "low" : null,
                numeric(schema, "volume") ? "volume" : null, DEFAULT_JUMP_K, DEFAULT_STALE_DAYS, Set.of());
    }

    private static boolean numeric(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f.dataType() instanceof NumericType;
            }
        }
        return false;
    }

    public boolean enabled(Rule r) {
        return !disabled.contains(r);
    }

    /**
     * These rules with one setting changed, as {@code name=value}: {@code key=a,b}, {@code symbol=},
     * {@code date=}, {@code prices=a,b}, {@code close=}, {@code high=}, {@code low=}, {@code volume=},
     * {@code jump-k=}, {@code stale-days=}, {@code disable=RULE,..}, {@code enable=RULE,..}. An empty
     * column value means none.
     */
    public QualityRules with(String setting) {
        int eq = setting == null ? -1 : setting.indexOf('=');
        if (eq <= 0) {
            throw new LakeLensException("'" + setting + "' is not a setting; use NAME=VALUE, e.g. jump-k=8 or disable=stale-symbol.");
        }
        String name = setting.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = setting.substring(eq + 1).trim();
        String column = value.isEmpty() ? null : value;
        List<String> list = value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return switch (name) {
            case "key" -> new QualityRules(list, symbolColumn, dateColumn, priceColumns, closeColumn, highColumn, lowColumn,
                    volumeColumn, jumpK, staleDays, disabled);
            case "symbol" -> new QualityRules(keyColumns, column, dateColumn, priceColumns, closeColumn, highColumn, lowColumn,
                    volumeColumn, jumpK, staleDays, disabled);
            case "date" -> new QualityRules(keyColumns, symbolColumn, column, priceColumns, closeColumn, highColumn, lowColumn,
                    volumeColumn, jumpK, staleDays, disabled);
            case "prices" -> new QualityRules(keyColumns, symbolColumn, dateColumn, list, closeColumn, highColumn, lowColumn,
                    volumeColumn, jumpK, staleDays, disabled);
            case "close" -> new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, column, highColumn, lowColumn,
                    volumeColumn, jumpK, staleDays, disabled);
            case "high" -> new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, closeColumn, column, lowColumn,
                    volumeColumn, jumpK, staleDays, disabled);
            case "low" -> new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, closeColumn, highColumn, column,
                    volumeColumn, jumpK, staleDays, disabled);
            case "volume" -> new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, closeColumn, highColumn, lowColumn,
                    column, jumpK, staleDays, disabled);
            case "jump-k" -> new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, closeColumn, highColumn, lowColumn,
                    volumeColumn, number(name, value), staleDays, disabled);
            case "stale-days" -> new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, closeColumn, highColumn,
                    lowColumn, volumeColumn, jumpK, (int) number(name, value), disabled);
            case "disable", "enable" -> {
                EnumSet<Rule> d = disabled.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(disabled);
                for (String r : list) {
                    if (name.equals("disable")) {
                        d.add(Rule.parse(r));
                    } else {
                        d.remove(Rule.parse(r));
                    }
                }
                yield new QualityRules(keyColumns, symbolColumn, dateColumn, priceColumns, closeColumn, highColumn, lowColumn,
                        volumeColumn, jumpK, staleDays, d);
            }
            default -> throw new LakeLensException("Unknown setting '" + name + "'; settings are key, symbol, date, prices, close, "
                    + "high, low, volume, jump-k, stale-days, disable and enable.");
        };
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new LakeLensException(name + " needs a number, not '" + value + "'.");
        }
    }

    /** A stable text of every setting, for cache keys. */
    String canonical() {
        return "key=" + keyColumns + ";symbol=" + symbolColumn + ";date=" + dateColumn + ";prices=" + priceColumns + ";close="
                + closeColumn + ";high=" + highColumn + ";low=" + lowColumn + ";volume=" + volumeColumn + ";k=" + jumpK + ";stale="
                + staleDays + ";off=" + EnumSet.copyOf(disabled.isEmpty() ? EnumSet.noneOf(Rule.class) : disabled);
    }
}
