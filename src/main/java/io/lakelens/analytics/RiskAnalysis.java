package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * Portfolio risk then vs now: see {@link AnalysisKind#RISK}. Each side values
 * {@code portfolio_holdings} at one version with {@code market_data} as it was when that
 * version was committed, so "then" shows the risk an analyst would have seen then.
 */
final class RiskAnalysis {
    private static final String VALUE = "position_value";
    private static final String WEIGHT = "weight";
    private static final String RISK = "risk_score";
    private static final String PRICE_DATE = "price_date";

    private RiskAnalysis() {
    }

    static RiskReport run(AnalysisRun run) {
        AnalysisRequest req = run.request;
        Pins pins = run.pins;
        long holdingsNow = pins.holdings();
        long holdingsThen = pins.holdingsThen();
        long marketNow = pins.marketData();
        long marketThen = pins.marketDataThen();

        List<Row> rows;
        if (run.inProcess()) {
            rows = ColumnarAnalyses.riskPositions(run);
        } else {
            Dataset<Row> then = side(run, holdingsThen, marketThen, "then_");
            Dataset<Row> now = side(run, holdingsNow, marketNow, "now_");
            Column key = then.col("then_" + Holdings.PORTFOLIO).equalTo(now.col("now_" + Holdings.PORTFOLIO))
                    .and(then.col("then_" + Holdings.SYMBOL).equalTo(now.col("now_" + Holdings.SYMBOL)));
            rows = run.collect("positions then vs now", Holdings.NAME, then.join(now, key, "full_outer"));
        }

        List<RiskReport.PositionRisk> positions = new ArrayList<>();
        LocalDate priceThen = null;
        LocalDate priceNow = null;
        for (Row r : rows) {
            String portfolio = first(AnalysisRun.str(r, "now_" + Holdings.PORTFOLIO), AnalysisRun.str(r, "then_" + Holdings.PORTFOLIO));
            String symbol = first(AnalysisRun.str(r, "now_" + Holdings.SYMBOL), AnalysisRun.str(r, "then_" + Holdings.SYMBOL));
            String sector = first(AnalysisRun.str(r, "now_" + MarketData.SECTOR), AnalysisRun.str(r, "then_" + MarketData.SECTOR));
            double riskThen = zero(AnalysisRun.nullableDbl(r, "then_" + RISK));
            double riskNow = zero(AnalysisRun.nullableDbl(r, "now_" + RISK));
            positions.add(new RiskReport.PositionRisk(portfolio, symbol, sector == null ? AnalysisRun.UNCLASSIFIED : sector,
                    zero(AnalysisRun.nullableDbl(r, "then_" + WEIGHT)), zero(AnalysisRun.nullableDbl(r, "now_" + WEIGHT)),
                    AnalysisRun.nullableDbl(r, "then_" + AnalysisRun.VOLATILITY_30D),
                    AnalysisRun.nullableDbl(r, "now_" + AnalysisRun.VOLATILITY_30D),
                    riskThen, riskNow, riskNow - riskThen, RiskAssessment.of(riskNow - riskThen)));
            priceThen = later(priceThen, AnalysisRun.date(r.get(r.fieldIndex("then_" + PRICE_DATE))));
            priceNow = later(priceNow, AnalysisRun.date(r.get(r.fieldIndex("now_" + PRICE_DATE))));
        }
        positions.sort(Comparator.comparing(RiskReport.PositionRisk::portfolio)
                .thenComparing(p -> -Math.abs(ranked(p.change()))).thenComparing(RiskReport.PositionRisk::symbol));

        Map<String, List<RiskReport.PositionRisk>> byPortfolio = new TreeMap<>();
        for (RiskReport.PositionRisk p : positions) {
            byPortfolio.computeIfAbsent(p.portfolio(), k -> new ArrayList<>()).add(p);
        }
        Map<String, double[]> values = values(rows);
        List<RiskReport.PortfolioRisk> portfolios = new ArrayList<>();
        List<RiskReport.PositionRisk> drivers = new ArrayList<>();
        List<RiskReport.SectorExposure> exposures = new ArrayList<>();
        for (var e : byPortfolio.entrySet()) {
            List<RiskReport.PositionRisk> ps = e.getValue();
            double riskThen = 0;
            double riskNow = 0;
            RiskReport.PositionRisk largestThen = null;
            RiskReport.PositionRisk largestNow = null;
            int heldThen = 0;
            int heldNow = 0;
            Map<String, double[]> sectors = new TreeMap<>();
            for (RiskReport.PositionRisk p : ps) {
                riskThen += p.riskThen();
                riskNow += p.riskNow();
                heldThen += p.weightThen() > 0 ? 1 : 0;
                heldNow += p.weightNow() > 0 ? 1 : 0;
                if (p.weightThen() > 0 && (largestThen == null || p.weightThen() > largestThen.weightThen())) {
                    largestThen = p;
                }
                if (p.weightNow() > 0 && (largestNow == null || p.weightNow() > largestNow.weightNow())) {
                    largestNow = p;
                }
                double[] w = sectors.computeIfAbsent(p.sector(), k -> new double[2]);
                w[0] += p.weightThen();
                w[1] += p.weightNow();
            }
            double[] v = values.getOrDefault(e.getKey(), new double[2]);
            double change = riskNow - riskThen;
            portfolios.add(new RiskReport.PortfolioRisk(e.getKey(), v[0], v[1],
                    largestThen == null ? null : largestThen.symbol(), largestThen == null ? 0 : largestThen.weightThen(),
                    largestNow == null ? null : largestNow.symbol(), largestNow == null ? 0 : largestNow.weightNow(),
                    heldThen, heldNow, riskThen, riskNow, change, RiskAssessment.of(change)));
            ps.stream().filter(p -> Math.abs(p.change()) > 1e-12).limit(req.top()).forEach(drivers::add);
            sectors.forEach((sector, w) -> exposures.add(new RiskReport.SectorExposure(e.getKey(), sector, w[0], w[1])));
        }
        portfolios.sort(Comparator.comparingDouble((RiskReport.PortfolioRisk p) -> -ranked(p.change()))
                .thenComparing(RiskReport.PortfolioRisk::portfolio));
        return new RiskReport(new RiskReport.Side(pins.thenLabel(), holdingsThen, marketThen, priceThen),
                new RiskReport.Side(pins.nowLabel(), holdingsNow, marketNow, priceNow),
                portfolios, drivers, positions, exposures);
    }

    /**
     * A change as rankings compare it: rounded to 1e-12, so that two engines adding the same
     * risks in a different order (a difference in the last bits, or 0 against 1e-17) rank
     * alike and ties fall to the name.
     */
    static double ranked(double change) {
        double r = Math.rint(change * 1e12) / 1e12;
        return r == 0 ? 0.0 : r; // a tiny negative change rounds to -0.0, which Double.compare ranks apart from 0.0
    }

    /**
     * The positions of one side, columns prefixed: portfolio, symbol, sector, value, weight,
     * volatility_30d, risk_score and the price date that valued them.
     */
    private static Dataset<Row> side(AnalysisRun run, long holdingsVersion, long marketVersion, String prefix) {
        Dataset<Row> rawHoldings = run.readVersion(Holdings.NAME, holdingsVersion);
        AnalysisRun.requireColumns(Holdings.NAME, rawHoldings, Holdings.PORTFOLIO, Holdings.SYMBOL, Holdings.QUANTITY,
                Holdings.MARKET_VALUE);
        Dataset<Row> holdings = rawHoldings.groupBy(col(Holdings.PORTFOLIO), col(Holdings.SYMBOL)).agg(
                sum(col(Holdings.QUANTITY).cast("double")).as(Holdings.QUANTITY),
                sum(col(Holdings.MARKET_VALUE).cast("double")).as(Holdings.MARKET_VALUE));
        Dataset<Row> md = run.marketData(run.readVersion(MarketData.NAME, marketVersion));
        Dataset<Row> latest = VolatilityAnalysis.latestWithVolatility(md)
                .select(col(MarketData.SYMBOL), col(MarketData.SECTOR), col(MarketData.CLOSE),
                        col(MarketData.TRADE_DATE).as(PRICE_DATE), col(AnalysisRun.VOLATILITY_30D));
        Column value = coalesce(col(Holdings.QUANTITY).multiply(col(MarketData.CLOSE)), col(Holdings.MARKET_VALUE));
        Dataset<Row> valued = holdings.join(latest, holdings.col(Holdings.SYMBOL).equalTo(latest.col(MarketData.SYMBOL)), "left")
                .select(holdings.col(Holdings.PORTFOLIO), holdings.col(Holdings.SYMBOL),
                        latest.col(MarketData.SECTOR), latest.col(PRICE_DATE), latest.col(AnalysisRun.VOLATILITY_30D),
                        value.as(VALUE))
                .filter(col(VALUE).gt(0));
        Dataset<Row> weighted = valued
                .withColumn(WEIGHT, col(VALUE).divide(sum(col(VALUE)).over(Window.partitionBy(Holdings.PORTFOLIO))))
                .withColumn(RISK, col(WEIGHT).multiply(col(AnalysisRun.VOLATILITY_30D)));
        List<Column> cols = new ArrayList<>();
        for (String c : weighted.columns()) {
            cols.add(col(c).as(prefix + c));
        }
        return weighted.select(cols.toArray(Column[]::new));
    }

    /** Portfolio → {value then, value now}. */
    private static Map<String, double[]> values(List<Row> rows) {
        Map<String, double[]> out = new TreeMap<>();
        for (Row r : rows) {
            String pThen = AnalysisRun.str(r, "then_" + Holdings.PORTFOLIO);
            String pNow = AnalysisRun.str(r, "now_" + Holdings.PORTFOLIO);
            if (pThen != null) {
                out.computeIfAbsent(pThen, k -> new double[2])[0] += zero(AnalysisRun.nullableDbl(r, "then_" + VALUE));
            }
            if (pNow != null) {
                out.computeIfAbsent(pNow, k -> new double[2])[1] += zero(AnalysisRun.nullableDbl(r, "now_" + VALUE));
            }
        }
        return out;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static double zero(Double d) {
        return d == null ? 0 : d;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
