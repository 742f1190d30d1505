package io.lakelens.data;

import io.lakelens.data.Tables.Holdings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Twenty model portfolios and their positions over time: an initial book, rebalances that exit,
 * add and resize positions, and marks to market. Small enough (hundreds of rows) to build in
 * plain Java from the closes of a few dates; deterministic from the seed.
 */
final class Portfolios {
    record Style(String name, Set<String> tilt) {
    }

    static final List<Style> STYLES = List.of(
            new Style("Global Equity Core", Set.of()),
            new Style("US Large Cap Growth", Set.of("Technology", "Communication Services", "Consumer Discretionary")),
            new Style("US Large Cap Value", Set.of("Financials", "Energy", "Health Care")),
            new Style("Dividend Income", Set.of("Utilities", "Consumer Staples", "Real Estate")),
            new Style("Technology Leaders", Set.of("Technology")),
            new Style("Healthcare Innovation", Set.of("Health Care")),
            new Style("Energy Transition", Set.of("Energy", "Utilities", "Materials")),
            new Style("Financials Opportunities", Set.of("Financials")),
            new Style("Consumer Brands", Set.of("Consumer Staples", "Consumer Discretionary")),
            new Style("Industrials & Infrastructure", Set.of("Industrials", "Materials")),
            new Style("Low Volatility", Set.of("Utilities", "Consumer Staples", "Health Care")),
            new Style("Momentum Factor", Set.of("Technology", "Industrials")),
            new Style("Quality Factor", Set.of("Technology", "Health Care", "Consumer Staples")),
            new Style("Real Assets", Set.of("Real Estate", "Energy", "Materials")),
            new Style("Balanced Equity Sleeve", Set.of()),
            new Style("ESG Leaders", Set.of("Technology", "Health Care", "Industrials")),
            new Style("Small & Mid Cap", Set.of()),
            new Style("Market Neutral Long Book", Set.of()),
            new Style("Pension Fund Core", Set.of()),
            new Style("Family Office Growth", Set.of("Technology", "Consumer Discretionary")));

    record Position(String portfolio, String symbol, long quantity, double avgCost, double marketValue, LocalDate asOf) {
    }

    static final StructType SCHEMA = new StructType()
            .add(Holdings.PORTFOLIO, DataTypes.StringType, false)
            .add(Holdings.SYMBOL, DataTypes.StringType, false)
            .add(Holdings.QUANTITY, DataTypes.LongType, false)
            .add(Holdings.AVG_COST, DataTypes.DoubleType, false)
            .add(Holdings.MARKET_VALUE, DataTypes.DoubleType, false)
            .add(Holdings.AS_OF_DATE, DataTypes.DateType, false);

    private final GenerationPlan plan;
    private final int positionsPerPortfolio;

    Portfolios(GenerationPlan plan) {
        this.plan = plan;
        this.positionsPerPortfolio = Math.max(8, Math.min(40, plan.universe().size() / 4));
    }

    static Dataset<Row> frame(SparkSession spark, List<Position> positions) {
        List<Row> rows = new ArrayList<>(positions.size());
        for (Position p : positions) {
            rows.add(RowFactory.create(p.portfolio(), p.symbol(), p.quantity(), p.avgCost(), p.marketValue(),
                    java.sql.Date.valueOf(p.asOf())));
        }
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** The initial book: each portfolio picks its names (tilted to its sectors) and weights. */
    List<Position> initial(Map<String, Double> close, LocalDate asOf) {
        List<Position> out = new ArrayList<>();
        for (int p = 0; p < STYLES.size(); p++) {
            Style style = STYLES.get(p);
            SplittableRandom rnd = new SplittableRandom(plan.seed() * 1_000_003L + p);
            double aum = 5e7 * Math.exp(rnd.nextDouble() * 3.5);
            List<String> names = pick(style, rnd, positionsPerPortfolio, Set.of(), close.keySet());
            double[] w = weights(rnd, names.size());
            for (int i = 0; i < names.size(); i++) {
                String s = names.get(i);
                double px = close.get(s);
                long qty = Math.max(10, Math.round(aum * w[i] / px / 10) * 10);
                double avgCost = round(px * Math.exp(rnd.nextGaussian() * 0.12), 4);
                out.add(new Position(style.name(), s, qty, avgCost, round(qty * px, 2), asOf));
            }
        }
        return sorted(out);
    }

    /**
     * A rebalance of every portfolio: exits about one position in six (and every name in
     * {@code mustExit}), adds as many new names, and resizes the rest by up to about ±20 %.
     * Added shares move the average cost towards today's close.
     */
    List<Position> rebalance(List<Position> book, Map<String, Double> close, LocalDate asOf, int round,
                             Set<String> mustExit, Set<String> trimSectors) {
        Map<String, List<Position>> byPortfolio = new LinkedHashMap<>();
        for (Position pos : book) {
            byPortfolio.computeIfAbsent(pos.portfolio(), k -> new ArrayList<>()).add(pos);
        }
        Map<String, SymbolInfo> info = new LinkedHashMap<>();
        plan.universe().forEach(s -> info.put(s.symbol(), s));
        List<Position> out = new ArrayList<>();
        for (int p = 0; p < STYLES.size(); p++) {
            Style style = STYLES.get(p);
            SplittableRandom rnd = new SplittableRandom(plan.seed() * 7_919L + p * 131L + round);
            List<Position> held = byPortfolio.getOrDefault(style.name(), List.of());
            List<Position> kept = new ArrayList<>();
            for (Position pos : held) {
                if (mustExit.contains(pos.symbol()) || rnd.nextDouble() < 1.0 / 6) {
                    continue;
                }
                double px = close.get(pos.symbol());
                double factor = Math.exp(rnd.nextGaussian() * 0.15);
                if (trimSectors.contains(info.get(pos.symbol()).sector())) {
                    factor *= 0.6;
                }
                long qty = Math.max(10, Math.round(pos.quantity() * factor / 10) * 10);
                double avg = qty > pos.quantity()
                        ? round((pos.quantity() * pos.avgCost() + (qty - pos.quantity()) * px) / qty, 4)
                        : pos.avgCost();
                kept.add(new Position(pos.portfolio(), pos.symbol(), qty, avg, round(qty * px, 2), asOf));
            }
            Set<String> excluded = new java.util.HashSet<>(mustExit);
            held.forEach(h -> excluded.add(h.symbol()));
            int adds = held.size() - kept.size();
            double avgValue = kept.stream().mapToDouble(Position::marketValue).average().orElse(1e6);
            for (String s : pick(style, rnd, adds, excluded, close.keySet())) {
                double px = close.get(s);
                long qty = Math.max(10, Math.round(avgValue * Math.exp(rnd.nextGaussian() * 0.3) / px / 10) * 10);
                kept.add(new Position(style.name(), s, qty, round(px, 4), round(qty * px, 2), asOf));
            }
            out.addAll(kept);
        }
        return sorted(out);
    }

    private List<String> pick(Style style, SplittableRandom rnd, int count, Set<String> excluded, Set<String> available) {
        // Weighted sampling without replacement (Efraimidis-Spirakis): key u^(1/w), largest keys win.
        record Keyed(String symbol, double key) {
        }
        List<Keyed> keyed = new ArrayList<>();
        for (SymbolInfo s : plan.universe()) {
            double u = rnd.nextDouble();
            if (excluded.contains(s.symbol()) || !available.contains(s.symbol())) {
                continue;
            }
            double w = style.tilt().contains(s.sector()) ? 4.0 : 1.0;
            keyed.add(new Keyed(s.symbol(), Math.pow(u, 1.0 / w)));
        }
        keyed.sort(Comparator.comparingDouble(Keyed::key).reversed());
        return keyed.stream().limit(count).map(Keyed::symbol).toList();
    }

    private static double[] weights(SplittableRandom rnd, int n) {
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(rnd.nextGaussian() * 0.5);
            total += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= total;
        }
        return w;
    }

    private static List<Position> sorted(List<Position> in) {
        List<Position> out = new ArrayList<>(in);
        out.sort(Comparator.comparing(Position::portfolio).thenComparing(Position::symbol));
        return out;
    }

    static double round(double v, int places) {
        return java.math.BigDecimal.valueOf(v).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
