package io.lakelens.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Sector analysis over {@code [from, to]} (the dates actually present), best return first.
 * Returns are in percent.
 */
public record SectorReport(LocalDate from, LocalDate to, List<Sector> sectors) implements AnalysisData {
    public SectorReport {
        sectors = List.copyOf(sectors);
    }

    /**
     * @param returnPct          equal-weighted mean of member symbols' first→last close return, percent
     * @param avgDailyChangePct  mean close-to-close change of all symbol-days in the range, percent; null with one day
     * @param volume             shares traded in the range
     * @param symbols            distinct symbols with prices in the range
     */
    public record Sector(String sector, double returnPct, Double avgDailyChangePct, long volume, int symbols,
                         String bestSymbol, double bestReturnPct, String worstSymbol, double worstReturnPct) {
    }

    @Override
    public AnalysisKind kind() {
        return AnalysisKind.SECTOR;
    }

    @Override
    public List<ResultTable> tables() {
        List<List<Object>> rows = new ArrayList<>();
        for (Sector s : sectors) {
            rows.add(java.util.Arrays.asList(s.sector(), s.returnPct(), s.avgDailyChangePct(), s.volume(), s.symbols(),
                    s.bestSymbol(), s.bestReturnPct(), s.worstSymbol(), s.worstReturnPct()));
        }
        return List.of(new ResultTable("sectors", List.of("sector", "return_pct", "avg_daily_change_pct", "volume",
                "symbols", "best_symbol", "best_return_pct", "worst_symbol", "worst_return_pct"), rows));
    }

    @Override
    public List<ChartSeries> series() {
        return List.of(new ChartSeries("Return %", ChartSeries.BAR,
                sectors.stream().map(s -> new ChartSeries.Point(s.sector(), s.returnPct())).toList()));
    }
}
