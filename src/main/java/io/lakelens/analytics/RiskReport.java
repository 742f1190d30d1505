package io.lakelens.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Portfolio risk compared between a past state ("then") and the analysed state ("now").
 * Weights are fractions of the portfolio's value; volatility is the annualised
 * {@code volatility_30d}; risk score = weight × volatility_30d (see {@link AnalysisKind#RISK}).
 *
 * @param portfolios every portfolio held then or now, biggest risk increase first
 * @param drivers    per portfolio, the positions whose risk score changed most (at most the
 *                   request's {@code top}), biggest absolute change first
 * @param positions  every position held then or now
 * @param exposures  per portfolio and sector, the share of value then and now
 */
public record RiskReport(Side then, Side now, List<PortfolioRisk> portfolios, List<PositionRisk> drivers,
                         List<PositionRisk> positions, List<SectorExposure> exposures) implements AnalysisData {
    public RiskReport {
        portfolios = List.copyOf(portfolios);
        drivers = List.copyOf(drivers);
        positions = List.copyOf(positions);
        exposures = List.copyOf(exposures);
    }

    /**
     * One side of the comparison.
     *
     * @param label             what the user asked for, e.g. {@code version 3} or {@code latest}
     * @param holdingsVersion   version of {@code portfolio_holdings} read
     * @param marketDataVersion version of {@code market_data} read (the one current when that holdings version was committed)
     * @param priceDate         the last trade date whose closes valued the positions
     */
    public record Side(String label, long holdingsVersion, long marketDataVersion, LocalDate priceDate) {
    }

    public record PortfolioRisk(String portfolio, double valueThen, double valueNow, String largestThen,
                                double largestShareThen, String largestNow, double largestShareNow, int positionsThen,
                                int positionsNow, double riskThen, double riskNow, double change,
                                RiskAssessment assessment) {
    }

    /** A position; a side where it was not held has weight 0 and risk 0. */
    public record PositionRisk(String portfolio, String symbol, String sector, double weightThen, double weightNow,
                               Double volatilityThen, Double volatilityNow, double riskThen, double riskNow, double change,
                               RiskAssessment assessment) {
    }

    public record SectorExposure(String portfolio, String sector, double weightThen, double weightNow) {
    }

    @Override
    public AnalysisKind kind() {
        return AnalysisKind.RISK;
    }

    @Override
    public List<ResultTable> tables() {
        List<List<Object>> ps = new ArrayList<>();
        for (PortfolioRisk p : portfolios) {
            ps.add(Arrays.asList(p.portfolio(), p.valueThen(), p.valueNow(), p.largestNow(), p.largestShareNow(),
                    p.riskThen(), p.riskNow(), p.change(), p.assessment().name()));
        }
        List<List<Object>> ds = new ArrayList<>();
        for (PositionRisk d : drivers) {
            ds.add(Arrays.asList(d.portfolio(), d.symbol(), d.sector(), d.weightThen(), d.weightNow(), d.volatilityNow(),
                    d.riskThen(), d.riskNow(), d.change(), d.assessment().name()));
        }
        List<List<Object>> es = new ArrayList<>();
        for (SectorExposure e : exposures) {
            es.add(Arrays.asList(e.portfolio(), e.sector(), e.weightThen(), e.weightNow()));
        }
        return List.of(
                new ResultTable("portfolios", List.of("portfolio", "value_then", "value_now", "largest_position",
                        "largest_share", "risk_then", "risk_now", "risk_change", "risk_assessment"), ps),
                new ResultTable("drivers", List.of("portfolio", "symbol", "sector", "weight_then", "weight_now",
                        "volatility_30d", "risk_then", "risk_now", "risk_change", "risk_assessment"), ds),
                new ResultTable("sector exposure", List.of("portfolio", "sector", "weight_then", "weight_now"), es));
    }

    @Override
    public List<ChartSeries> series() {
        return List.of(
                new ChartSeries("Risk then (" + then.label() + ")", ChartSeries.BAR,
                        portfolios.stream().map(p -> new ChartSeries.Point(p.portfolio(), p.riskThen())).toList()),
                new ChartSeries("Risk now (" + now.label() + ")", ChartSeries.BAR,
                        portfolios.stream().map(p -> new ChartSeries.Point(p.portfolio(), p.riskNow())).toList()));
    }
}
