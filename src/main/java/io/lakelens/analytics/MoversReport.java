package io.lakelens.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Top movers over {@code [from, to]}: gainers (biggest rise first) and losers (biggest fall first). */
public record MoversReport(LocalDate from, LocalDate to, List<Mover> gainers, List<Mover> losers) implements AnalysisData {
    public MoversReport {
        gainers = List.copyOf(gainers);
        losers = List.copyOf(losers);
    }

    /** @param changePct last close / first close − 1 in the window, percent; volume = shares traded in it */
    public record Mover(String symbol, String sector, double firstClose, double lastClose, double changePct, long volume) {
    }

    @Override
    public AnalysisKind kind() {
        return AnalysisKind.MOVERS;
    }

    @Override
    public List<ResultTable> tables() {
        List<List<Object>> rows = new ArrayList<>();
        for (Mover m : gainers) {
            rows.add(row("gainer", m));
        }
        for (Mover m : losers) {
            rows.add(row("loser", m));
        }
        return List.of(new ResultTable("movers", List.of("side", "symbol", "sector", "first_close", "last_close",
                "change_pct", "volume"), rows));
    }

    private static List<Object> row(String side, Mover m) {
        return Arrays.asList(side, m.symbol(), m.sector(), m.firstClose(), m.lastClose(), m.changePct(), m.volume());
    }

    @Override
    public List<ChartSeries> series() {
        List<ChartSeries.Point> up = gainers.stream().map(m -> new ChartSeries.Point(m.symbol(), m.changePct())).toList();
        List<ChartSeries.Point> down = losers.stream().map(m -> new ChartSeries.Point(m.symbol(), m.changePct())).toList();
        return List.of(new ChartSeries("Gainers %", ChartSeries.BAR, up), new ChartSeries("Losers %", ChartSeries.BAR, down));
    }
}
