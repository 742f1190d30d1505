package io.lakelens.search;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads {@link SearchFields} with two Spark aggregations over one version: distinct-count
 * estimates and min/max first, then the distinct values of the strings with few of them.
 */
final class FieldsReader {
    private FieldsReader() {
    }

    static SearchFields read(SparkSession session, Path path, String table, long version, StructType schema,
                             SearchColumns searched) {
        SearchPlan empty = SearchPlan.compile(SearchRequest.of("").withTable(table), schema, version, searched);
        SearchColumns effective = empty.searched();
        List<String> names = new ArrayList<>();
        List<SearchFields.Kind> kinds = new ArrayList<>();
        for (StructField f : schema.fields()) {
            DataType t = f.getDataType();
            if (!Values.supported(t)) {
                continue;
            }
            names.add(f.getName());
            kinds.add(t instanceof StringType ? SearchFields.Kind.TEXT
                    : t instanceof DateType ? SearchFields.Kind.DATE
                    : t instanceof TimestampType || t instanceof TimestampNTZType ? SearchFields.Kind.TIMESTAMP
                    : t instanceof BooleanType ? SearchFields.Kind.BOOLEAN : SearchFields.Kind.NUMBER);
        }
        Dataset<Row> data = session.read().format("delta").option("versionAsOf", version).load(path.toString());
        List<Column> first = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Column c = SearchPlan.col(names.get(i));
            if (kinds.get(i) == SearchFields.Kind.TEXT) {
                first.add(functions.approx_count_distinct(c));
            } else if (kinds.get(i).ranged()) {
                first.add(functions.min(c));
                first.add(functions.max(c));
            }
        }
        Row stats = first.isEmpty() ? null : data.agg(first.getFirst(), first.subList(1, first.size()).toArray(Column[]::new)).first();
        List<Integer> few = new ArrayList<>();
        List<Optional<String>> mins = new ArrayList<>();
        List<Optional<String>> maxs = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < names.size(); i++) {
            Optional<String> lo = Optional.empty();
            Optional<String> hi = Optional.empty();
            if (kinds.get(i) == SearchFields.Kind.TEXT) {
                long distinct = stats.getLong(k++);
                // the estimate errs by a few percent: ask for a margin and cut at the limit after counting exactly
                if (distinct > 0 && distinct <= SearchFields.PICK_LIST_MAX * 11L / 10) {
                    few.add(i);
                }
            } else if (kinds.get(i).ranged()) {
                lo = text(stats.get(k++));
                hi = text(stats.get(k++));
            }
            mins.add(lo);
            maxs.add(hi);
        }
        List<List<String>> choices = new ArrayList<>();
        names.forEach(n -> choices.add(List.of()));
        if (!few.isEmpty()) {
            List<Column> sets = few.stream().map(i -> functions.collect_set(SearchPlan.col(names.get(i)))).toList();
            Row r = data.agg(sets.getFirst(), sets.subList(1, sets.size()).toArray(Column[]::new)).first();
            for (int j = 0; j < few.size(); j++) {
                TreeSet<String> values = new TreeSet<>(Values::compareUtf8);
                values.addAll(r.<String>getList(j));
                if (values.size() <= SearchFields.PICK_LIST_MAX) {
                    choices.set(few.get(j), List.copyOf(values));
                }
            }
        }
        List<SearchFields.Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            boolean isSearched = effective.columns().stream().anyMatch(c -> c.name().equals(n));
            fields.add(new SearchFields.Field(n, kinds.get(i), isSearched, choices.get(i), mins.get(i), maxs.get(i)));
        }
        return new SearchFields(table, version, fields, effective, empty.sortOrder());
    }

    /** A min or max as the text a range bound reads back. */
    private static Optional<String> text(Object v) {
        Object x = Values.fromSpark(v);
        return Optional.ofNullable(switch (x) {
            case null -> null;
            case BigDecimal d -> d.toPlainString();
            case Double d when d.isNaN() || d.isInfinite() -> null;
            case Float f when f.isNaN() || f.isInfinite() -> null;
            case LocalDateTime t -> t.toString();
            default -> x.toString();
        });
    }
}
