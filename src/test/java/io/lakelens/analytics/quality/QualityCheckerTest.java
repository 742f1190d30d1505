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

/** The rules on {@link BadTicksLake}, whose bad rows and fixing commits are known. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class QualityCheckerTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;
    static final LocalDate D0 = BadTicksLake.D0;

    @BeforeAll
    static void build() {
        engine = TestLakes.engine(lake);
        BadTicksLake.build(engine);
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
