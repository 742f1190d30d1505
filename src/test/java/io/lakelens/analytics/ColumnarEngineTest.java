package io.lakelens.analytics;

import io.lakelens.TestLakes;
import io.lakelens.data.Tables.Holdings;
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

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-process columnar engine returns Spark's answer to every analysis: on a generated lake
 * (deletion vectors from corrections and erasures, a column added mid-history) and on a
 * hand-made one whose tables use column mapping (a renamed column), deletion vectors and a
 * column added after the first files; a table feature it does not read goes to Spark, saying why.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ColumnarEngineTest {
    @TempDir
    static Path generated;
    @TempDir
    static Path handMade;
    static LakeEngine generatedLake;
    static LakeEngine handMadeLake;

    @BeforeAll
    static void build() {
        TestLakes.generatedTiny(generated);
        generatedLake = TestLakes.engine(generated);
        handMadeLake = TestLakes.engine(handMade);
        buildMappedLake(handMadeLake);
    }

    /** Every analysis, at the latest version, at an older one and over a date range. */
    static List<AnalysisRequest> requests(LakeEngine lake, LocalDate from, LocalDate to) {
        List<AnalysisRequest> out = new ArrayList<>();
        long mdVersion = lake.latestVersion(MarketData.NAME);
        for (AnalysisKind k : AnalysisKind.values()) {
            out.add(AnalysisRequest.of(k).withTop(50));
            out.add(AnalysisRequest.of(k).withRange(from, to).withTop(3));
            if (k != AnalysisKind.RISK) {
                out.add(AnalysisRequest.of(k).withAsOf(new AsOf.Version(Math.max(0, mdVersion - 1))));
            } else {
                out.add(AnalysisRequest.of(k).withCompareTo(new AsOf.Version(0)));
            }
        }
        return out;
    }

    static void assertSameAnswers(LakeEngine lake, List<AnalysisRequest> requests) {
        try (AnalyticsService service = new AnalyticsService(lake)) {
            String before = TestLakes.fingerprint(lake.lakeRoot());
            for (AnalysisRequest r : requests) {
                AnalysisResult spark = service.compute(r, AnalyticsService.Compute.SPARK, new CancelHandle());
                AnalysisResult columnar = service.compute(r, AnalyticsService.Compute.COLUMNAR, new CancelHandle());
                assertTrue(columnar.plan().contains("in-process columnar engine"), "computed in-process: " + columnar.plan());
                assertTrue(columnar.data().size() > 0 || spark.data().size() == 0, r.toString());
                assertEquals(List.of(), Answers.differences(spark.data(), columnar.data()), r.toString());
            }
            assertEquals(before, TestLakes.fingerprint(lake.lakeRoot()), "reads never change the lake");
        }
    }

    @Test
    void everyAnalysisEqualsSparksAnswerOnTheGeneratedLake() {
        List<Row> range = generatedLake.read(MarketData.NAME, AsOf.LATEST)
                .selectExpr("min(trade_date)", "max(trade_date)").collectAsList();
        LocalDate first = ((Date) range.get(0).get(0)).toLocalDate();
        LocalDate end = ((Date) range.get(0).get(1)).toLocalDate();
        assertTrue(first.isBefore(end));
        assertSameAnswers(generatedLake, requests(generatedLake, first.plusDays(10), end.minusDays(5)));
    }

    @Test
    void everyAnalysisEqualsSparksAnswerWithColumnMappingAndDeletionVectors() {
        assertSameAnswers(handMadeLake, requests(handMadeLake, D1.plusDays(2), D1.plusDays(40)));
    }

    @Test
    void aPartitionedTableIsAnsweredBySparkSayingWhy(@TempDir Path dir) {
        LakeEngine lake = TestLakes.engine(dir);
        lake.write(MarketData.NAME, "partitioned prices", s -> {
            s.createDataFrame(marketRows(0, 40), MARKET).write().format("delta").partitionBy(MarketData.SECTOR)
                    .save(lake.tablePath(MarketData.NAME).toString());
            return null;
        });
        try (AnalyticsService service = new AnalyticsService(lake)) {
            AnalysisRequest r = AnalysisRequest.of(AnalysisKind.SECTOR);
            AnalysisResult auto = service.compute(r, AnalyticsService.Compute.COLUMNAR, new CancelHandle());
            assertTrue(auto.plan().startsWith("-- computed by Spark: the in-process engine does not read partition columns sector"),
                    auto.plan());
            AnalysisResult spark = service.compute(r, AnalyticsService.Compute.SPARK, new CancelHandle());
            assertEquals(List.of(), Answers.differences(spark.data(), auto.data()));
        }
    }

    @Test
    void aMissingColumnIsTheSameClearErrorOnBothEngines(@TempDir Path dir) {
        LakeEngine lake = TestLakes.engine(dir);
        lake.write(MarketData.NAME, "prices without volume", s -> {
            s.createDataFrame(marketRows(0, 5), MARKET).drop(MarketData.VOLUME).write().format("delta")
                    .save(lake.tablePath(MarketData.NAME).toString());
            return null;
        });
        try (AnalyticsService service = new AnalyticsService(lake)) {
            AnalysisRequest r = AnalysisRequest.of(AnalysisKind.MOVERS);
            String columnar = org.junit.jupiter.api.Assertions.assertThrows(AnalysisInputException.class,
                    () -> service.compute(r, AnalyticsService.Compute.COLUMNAR, new CancelHandle())).getMessage();
            String spark = org.junit.jupiter.api.Assertions.assertThrows(AnalysisInputException.class,
                    () -> service.compute(r, AnalyticsService.Compute.SPARK, new CancelHandle())).getMessage();
            assertEquals(spark, columnar);
            assertTrue(columnar.contains("no column volume"), columnar);
        }
    }

    // ---- the hand-made lake ----------------------------------------------------------------

    static final LocalDate D1 = LocalDate.of(2024, 1, 1);
    static final String[] SYMBOLS = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"};
    static final String[] SECTORS = {"Technology", "Technology", "Energy", "Energy", "Health", null};
    static final StructType MARKET = new StructType()
            .add(MarketData.SYMBOL, DataTypes.StringType)
            .add(MarketData.SECTOR, DataTypes.StringType)
            .add(MarketData.TRADE_DATE, DataTypes.DateType)
            .add(MarketData.CLOSE, DataTypes.DoubleType)
            .add(MarketData.VOLUME, DataTypes.LongType);

    /** Deterministic closes with uneven steps, a zero close (no return) and a null volume now and then. */
    static List<Row> marketRows(int fromDay, int toDay) {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < SYMBOLS.length; s++) {
            for (int d = fromDay; d < toDay; d++) {
                double close = d == 7 && s == 2 ? 0 : 20 + s * 7 + 3 * Math.sin(d * (s + 1) * 0.37) + d * 0.05 * (s - 2);
                Long volume = d % 11 == 3 ? null : 1000L + 37L * s + 13L * d;
                rows.add(RowFactory.create(SYMBOLS[s], SECTORS[s], Date.valueOf(D1.plusDays(d)), close, volume));
            }
        }
        return rows;
    }

    /**
     * market_data written with column mapping and deletion vectors under the name {@code ticker},
     * renamed to {@code symbol} (so files hold a physical name that is not the logical one), with
     * rows deleted (a deletion vector) and a day appended; portfolio_holdings with the same
     * features, a MERGE that deletes and updates (deletion vectors), and a column added later.
     */
    static void buildMappedLake(LakeEngine lake) {
        String md = lake.tablePath(MarketData.NAME).toString();
        String h = lake.tablePath(Holdings.NAME).toString();
        StructType ticker = new StructType()
                .add("ticker", DataTypes.StringType)
                .add(MarketData.SECTOR, DataTypes.StringType)
                .add(MarketData.TRADE_DATE, DataTypes.DateType)
                .add(MarketData.CLOSE, DataTypes.DoubleType)
                .add(MarketData.VOLUME, DataTypes.LongType);
        lake.write(MarketData.NAME, "initial load", s -> {
            s.createDataFrame(marketRows(0, 45), ticker).repartition(3).write().format("delta")
                    .option("delta.columnMapping.mode", "name")
                    .option("delta.enableDeletionVectors", "true")
                    // Delta refuses writes after a rename while the change data feed is on
                    .option("delta.enableChangeDataFeed", "false")
                    .save(md);
            return null;
        });
        lake.write(MarketData.NAME, "rename ticker", s -> {
            s.sql("ALTER TABLE delta.`" + md + "` RENAME COLUMN ticker TO symbol");
            return null;
        });
        lake.write(MarketData.NAME, "erase bad days", s -> {
            s.sql("DELETE FROM delta.`" + md + "` WHERE (symbol = 'BBB' AND trade_date >= DATE'2024-01-20' "
                    + "AND trade_date < DATE'2024-01-24') OR (symbol = 'EEE' AND trade_date = DATE'2024-02-10')");
            return null;
        });
        lake.write(MarketData.NAME, "next days", s -> {
            s.createDataFrame(marketRows(45, 50), MARKET).write().format("delta").mode("append").save(md);
            return null;
        });
        StructType holdings = new StructType()
                .add(Holdings.PORTFOLIO, DataTypes.StringType)
                .add(Holdings.SYMBOL, DataTypes.StringType)
                .add(Holdings.QUANTITY, DataTypes.LongType)
                .add(Holdings.MARKET_VALUE, DataTypes.DoubleType);
        lake.write(Holdings.NAME, "opening positions", s -> {
            s.createDataFrame(List.of(
                            RowFactory.create("P1", "AAA", 10L, 10.0), RowFactory.create("P1", "CCC", 50L, 50.0),
                            RowFactory.create("P2", "BBB", 20L, 20.0), RowFactory.create("P2", "DDD", 100L, 100.0),
                            RowFactory.create("P3", "AAA", 5L, 5.0), RowFactory.create("P3", "FFF", 40L, 40.0),
                            RowFactory.create("P3", "ZZZ", 7L, 70.0)), holdings)
                    .write().format("delta")
                    .option("delta.columnMapping.mode", "name")
                    .option("delta.enableDeletionVectors", "true")
                    .option("delta.enableChangeDataFeed", "false")
                    .save(h);
            return null;
        });
        lake.write(Holdings.NAME, "rebalance", s -> {
            s.sql("DELETE FROM delta.`" + h + "` WHERE portfolio = 'P3' AND symbol = 'AAA'");
            s.sql("UPDATE delta.`" + h + "` SET quantity = 40 WHERE portfolio = 'P1' AND symbol = 'AAA'");
            return null;
        });
        lake.write(Holdings.NAME, "add a desk column", s -> {
            s.sql("ALTER TABLE delta.`" + h + "` ADD COLUMNS (desk STRING)");
            s.sql("INSERT INTO delta.`" + h + "` VALUES ('P2', 'EEE', 30, 30.0, 'north')");
            return null;
        });
    }
}
