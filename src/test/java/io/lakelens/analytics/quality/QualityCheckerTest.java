package io.lakelens.analytics.quality;

import io.delta.tables.DeltaTable;
import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules on a lake small enough to check by hand.
 *
 * <pre>
 * v0 "eight clean days": AAA, BBB, CCC on days 0–7 (high = close × 1.01, low = close × 0.99);
 *                        DDD only on days 0–1 (stale from the start)
 * v1 "day 8 load":       AAA close ×10 (a jump, and outside low–high); BBB high below low;
 *                        CCC negative volume; a second BBB row for day 7 (duplicate key);
 *                        a row with a null symbol
 * v2 "price correction": MERGE fixes AAA, BBB and CCC of day 8
 * v3 "erase junk row":   DELETE of the null-symbol row (the duplicate stays)
 * </pre>
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class QualityCheckerTest {
    static final LocalDate D0 = LocalDate.of(2024, 3, 4);
    static final StructType SCHEMA = new StructType()
            .add(MarketData.SYMBOL, DataTypes.StringType)
            .add(MarketData.TRADE_DATE, DataTypes.DateType)
            .add(MarketData.HIGH, DataTypes.DoubleType)
            .add(MarketData.LOW, DataTypes.DoubleType)
            .add(MarketData.CLOSE, DataTypes.DoubleType)
            .add(MarketData.VOLUME, DataTypes.LongType);
    /** Daily returns varied enough that each symbol has a non-zero robust σ. */
    static final double[] STEPS = {0.01, -0.004, 0.007, -0.012, 0.003, 0.009, -0.006, 0.005, 0.002};

    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void build() {
        engine = TestLakes.engine(lake);
        String path = engine.tablePath(MarketData.NAME).toString();
        engine.write(MarketData.NAME, "eight clean days", s -> {
            List<Row> rows = new ArrayList<>();
            for (String sym : List.of("AAA", "BBB", "CCC")) {
                for (int d = 0; d < 8; d++) {
                    rows.add(clean(sym, d));
                }
            }
            rows.add(clean("DDD", 0));
            rows.add(clean("DDD", 1));
            s.createDataFrame(rows, SCHEMA).write().format("delta").save(path);
            return null;
        });
        engine.write(MarketData.NAME, "day 8 load", s -> {
            Row aaa = clean("AAA", 8);
            Row bbb = clean("BBB", 8);
            Row ccc = clean("CCC", 8);
            List<Row> rows = List.of(
                    RowFactory.create("AAA", aaa.get(1), aaa.get(2), aaa.get(3), aaa.getDouble(4) * 10, aaa.get(5)),
                    RowFactory.create("BBB", bbb.get(1), bbb.getDouble(3), bbb.getDouble(2), bbb.get(4), bbb.get(5)),
                    RowFactory.create("CCC", ccc.get(1), ccc.get(2), ccc.get(3), ccc.get(4), -ccc.getLong(5)),
                    clean("BBB", 7),
                    RowFactory.create(null, Date.valueOf(D0.plusDays(8)), 10.1, 9.9, 10.0, 100L));
            s.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").save(path);
            return null;
        });
        engine.write(MarketData.NAME, "price correction", s -> {
            var fixed = s.createDataFrame(List.of(clean("AAA", 8), clean("BBB", 8), clean("CCC", 8)), SCHEMA);
            DeltaTable.forPath(s, path).as("t")
                    .merge(fixed.as("s"), col("t.symbol").equalTo(col("s.symbol")).and(col("t.trade_date").equalTo(col("s.trade_date"))))
                    .whenMatched().updateAll()
                    .execute();
            return null;
        });
        engine.write(MarketData.NAME, "erase junk row", s -> {
            DeltaTable.forPath(s, path).delete(col("symbol").isNull());
            return null;
        });
    }

    static Row clean(String symbol, int day) {
        double base = switch (symbol) {
            case "AAA" -> 100;
            case "BBB" -> 50;
            case "CCC" -> 20;
            default -> 10;
        };
        double close = base;
        for (int d = 1; d <= day; d++) {
            close *= 1 + STEPS[(d + symbol.charAt(0)) % STEPS.length];
        }
        close = Math.round(close * 100) / 100.0;
        return RowFactory.create(symbol, Date.valueOf(D0.plusDays(day)), close * 1.01, close * 0.99, close, 1000L + day);
    }

    static QualityReport.TrackedFinding find(QualityReport r, Rule rule, String where) {
        return r.findings().stream().filter(f -> f.atVersion().rule() == rule && f.atVersion().where().equals(where))
                .findFirst().orElseThrow(() -> new AssertionError("no " + rule.id() + " at " + where + " in " + r.findings()));
    }

    @Test
    void eachFindingNamesTheCommitThatIntroducedItAndTheOneThatFixedIt() {
        String before = TestLakes.fingerprint(lake);
        QualityReport r = new QualityChecker(engine).check(MarketData.NAME, null, null, new CancelHandle(), null);
        assertEquals(before, TestLakes.fingerprint(lake), "a quality check never writes to the table");
        assertEquals(0, r.fromVersion());
        assertEquals(3, r.toVersion());

        String day8 = D0.plusDays(8).toString();
        for (var expected : List.of(
                Map.entry(Rule.PRICE_JUMP, "symbol=AAA, trade_date=" + day8),
                Map.entry(Rule.CLOSE_OUTSIDE_RANGE, "symbol=AAA, trade_date=" + day8),
                Map.entry(Rule.HIGH_BELOW_LOW, "symbol=BBB, trade_date=" + day8),
                Map.entry(Rule.NEGATIVE_VOLUME, "symbol=CCC, trade_date=" + day8))) {
            var f = find(r, expected.getKey(), expected.getValue());
            assertEquals(1, f.introduced().version(), f.toString());
            assertEquals("day 8 load", f.introduced().reason());
            assertEquals(2, f.fixed().version(), f.toString());
            assertEquals("price correction", f.fixed().reason());
            assertEquals(QualityReport.Status.FIXED, f.status());
        }
        var nullKey = find(r, Rule.NULL_KEY, "symbol=null, trade_date=" + day8);
        assertEquals(1, nullKey.introduced().version());
        assertEquals(3, nullKey.fixed().version());

        var dup = find(r, Rule.DUPLICATE_KEY, "symbol=BBB, trade_date=" + D0.plusDays(7));
        assertEquals(1, dup.introduced().version());
        assertNull(dup.fixed());
        assertTrue(dup.atVersion().detail().startsWith("2 rows"), dup.atVersion().detail());

        var stale = find(r, Rule.STALE_SYMBOL, "symbol=DDD");
        assertEquals(0, stale.introduced().version());
        assertFalse(stale.introducedBeforeRange());
        assertNull(stale.fixed());

        assertEquals(List.of("symbol=BBB, trade_date=" + D0.plusDays(7), "symbol=DDD"),
                r.open().stream().map(f -> f.atVersion().where()).sorted().toList());
        assertEquals(5, r.fixed().size(), r.fixed().toString());

        // the trend: only the stale symbol at v0; everything at v1; the fix leaves the null, duplicate and stale rows
        Map<Long, Long> totals = r.trend().stream().collect(Collectors.toMap(QualityReport.VersionCheck::version,
                QualityReport.VersionCheck::total));
        assertEquals(Map.of(0L, 1L, 1L, 7L, 2L, 3L, 3L, 2L), totals);
    }

    @Test
    void aRangeStartingLaterMarksFindingsThatWereAlreadyThere() {
        QualityReport r = new QualityChecker(engine).check(MarketData.NAME, new AsOf.Version(3), new AsOf.Version(2),
                new CancelHandle(), null);
        var nullKey = find(r, Rule.NULL_KEY, "symbol=null, trade_date=" + D0.plusDays(8));
        assertEquals(2, nullKey.introduced().version());
        assertTrue(nullKey.introducedBeforeRange(), "it was already there when the range began");
        assertEquals(3, nullKey.fixed().version());
        assertTrue(r.findings().stream().noneMatch(f -> f.atVersion().rule() == Rule.PRICE_JUMP),
                "the jump was fixed before the range");
    }

    @Test
    void rulesSetForATableAreKeptInTheLakeAndUsed(@TempDir Path copy) throws Exception {
        QualityChecker checker = new QualityChecker(engine);
        QualityRules rules = checker.rulesFor(MarketData.NAME).with("disable=price-jump,stale-symbol").with("stale-days=3");
        checker.rules().put(MarketData.NAME, rules);
        try {
            assertTrue(Files.readString(lake.resolve(".lakelens/quality-rules.json")).contains("PRICE_JUMP"));
            QualityChecker again = new QualityChecker(engine);
            assertEquals(3, again.rulesFor(MarketData.NAME).staleDays());
            QualityReport r = again.check(MarketData.NAME, new AsOf.Version(1), new AsOf.Version(1), new CancelHandle(), null);
            assertTrue(r.findings().stream().noneMatch(f -> f.atVersion().rule() == Rule.PRICE_JUMP
                    || f.atVersion().rule() == Rule.STALE_SYMBOL), r.findings().toString());
            assertTrue(r.findings().stream().anyMatch(f -> f.atVersion().rule() == Rule.NEGATIVE_VOLUME));
        } finally {
            Files.delete(lake.resolve(".lakelens/quality-rules.json"));
        }
        assertThrows(LakeLensException.class, () -> rules.with("jump-k=-1"));
        assertThrows(LakeLensException.class, () -> rules.with("disable=no-such-rule"));
        assertThrows(LakeLensException.class, () -> rules.with("colour=blue"));
    }

    @Test
    void theRowsBehindAFindingAreTheBadRowAsOfItsVersion() {
        QualityChecker checker = new QualityChecker(engine);
        QualityReport r = checker.check(MarketData.NAME, new AsOf.Version(1), new AsOf.Version(1), new CancelHandle(), null);
        var neg = find(r, Rule.NEGATIVE_VOLUME, "symbol=CCC, trade_date=" + D0.plusDays(8));
        QualityChecker.RowSample rows = checker.rows(MarketData.NAME, 1, neg.atVersion(), new CancelHandle());
        assertEquals(1, rows.rows().size());
        int vol = rows.columns().indexOf(MarketData.VOLUME);
        assertTrue(((Long) rows.rows().getFirst().get(vol)) < 0);
        var jump = find(r, Rule.PRICE_JUMP, "symbol=AAA, trade_date=" + D0.plusDays(8));
        assertEquals(2, checker.rows(MarketData.NAME, 1, jump.atVersion(), new CancelHandle()).rows().size(),
                "a jump shows its day and the day before");
    }

    @Test
    void aColumnNamedLikeAnExpressionIsReadAsAName(@TempDir Path other) {
        LakeEngine e = TestLakes.engine(other);
        e.write("odd", "odd names", s -> {
            s.createDataFrame(List.of(RowFactory.create("x", -1.0), RowFactory.create("y", 2.0)),
                            new StructType().add("id.`x", DataTypes.StringType).add("price", DataTypes.DoubleType))
                    .write().format("delta").save(e.tablePath("odd").toString());
            return null;
        });
        QualityChecker checker = new QualityChecker(e);
        checker.rules().put("odd", checker.rulesFor("odd").with("key=id.`x"));
        QualityReport r = checker.check("odd", null, null, new CancelHandle(), null);
        var f = find(r, Rule.NON_POSITIVE_PRICE, "id.`x=x");
        assertEquals("price -1", f.atVersion().detail());
        assertEquals(2, e.read("odd", AsOf.LATEST).where(lit(true)).count());
    }
}
