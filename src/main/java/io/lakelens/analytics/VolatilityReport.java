package io.lakelens.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Market volatility over {@code [from, to]}: the most volatile symbols by their latest
 * {@code volatility_30d} (annualised, a fraction: 0.25 = 25 %), and one symbol's closes with
 * its volatility band.
 */
public record VolatilityReport(LocalDate from, LocalDate to, List<SymbolVolatility> mostVolatile, String symbol,
                               List<BandPoint> band) implements AnalysisData {
    public VolatilityReport {
        mostVolatile = List.copyOf(mostVolatile);
        band = List.copyOf(band);
    }

    /**
     * @param date          the symbol's last trade date in the range
     * @param volatility30d annualised, over the last {@code returns} daily log returns
     * @param returns       daily log returns in the window (30, or fewer when the range is shorter)
     */
    public record SymbolVolatility(String symbol, String sector, LocalDate date, double close, double volatility30d,
                                   int returns) {
    }

    /** A close with its band; volatility and band are null until two returns exist. */
    public record BandPoint(LocalDate date, double close, Double volatility30d, Double lower, Double upper) {
    }

    @Override
    public AnalysisKind kind() {
        return AnalysisKind.VOLATILITY;
    }

    @Override
    public List<ResultTable> tables() {
        List<List<Object>> top = new ArrayList<>();
        for (SymbolVolatility v : mostVolatile) {
            top.add(Arrays.asList(v.symbol(), v.sector(), v.date(), v.close(), v.volatility30d(), v.returns()));
        }
        List<List<Object>> points = new ArrayList<>();
        for (BandPoint p : band) {
            points.add(Arrays.asList(p.date(), p.close(), p.volatility30d(), p.lower(), p.upper()));
        }
        return List.of(
                new ResultTable("most volatile", List.of("symbol", "sector", "date", "close", "volatility_30d", "returns"), top),
                new ResultTable(symbol == null ? "band" : symbol + " band",
                        List.of("date", "close", "volatility_30d", "band_lower", "band_upper"), points));
    }

    @Override
    public List<ChartSeries> series() {
        List<ChartSeries.Point> close = new ArrayList<>();
        List<ChartSeries.Point> lower = new ArrayList<>();
        List<ChartSeries.Point> upper = new ArrayList<>();
        for (BandPoint p : band) {
            close.add(new ChartSeries.Point(p.date().toString(), p.close()));
            if (p.lower() != null && p.upper() != null) {
                lower.add(new ChartSeries.Point(p.date().toString(), p.lower()));
                upper.add(new ChartSeries.Point(p.date().toString(), p.upper()));
            }
        }
        String s = symbol == null ? "" : symbol + " ";
        return List.of(new ChartSeries(s + "close", ChartSeries.LINE, close),
                new ChartSeries(s + "lower band", ChartSeries.BAND, lower),
                new ChartSeries(s + "upper band", ChartSeries.BAND, upper));
    }
}
