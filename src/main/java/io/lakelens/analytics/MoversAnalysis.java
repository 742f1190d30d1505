package io.lakelens.analytics;

import io.lakelens.data.Tables.MarketData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.desc;

/** Top movers: see {@link AnalysisKind#MOVERS}. */
final class MoversAnalysis {
    private MoversAnalysis() {
    }

    static MoversReport run(AnalysisRun run) {
        // One row per symbol (at most a thousand): one scan, then both ends of the ranking are sliced here.
        List<Row> rows;
        if (run.inProcess()) {
            rows = ColumnarAnalyses.movers(run);
        } else {
            Dataset<Row> md = run.marketData(run.readVersion(MarketData.NAME, run.pins.marketData()));
            rows = run.collect("movers", MarketData.NAME,
                    SectorAnalysis.perSymbol(md).orderBy(desc(SectorAnalysis.RETURN), asc(MarketData.SYMBOL)));
        }
        List<MoversReport.Mover> all = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        for (Row r : rows) {
            all.add(new MoversReport.Mover(AnalysisRun.str(r, MarketData.SYMBOL), AnalysisRun.str(r, MarketData.SECTOR),
                    AnalysisRun.dbl(r, SectorAnalysis.FIRST_CLOSE), AnalysisRun.dbl(r, SectorAnalysis.LAST_CLOSE),
                    100 * AnalysisRun.dbl(r, SectorAnalysis.RETURN), AnalysisRun.lng(r, MarketData.VOLUME)));
            LocalDate f = AnalysisRun.date(r.get(r.fieldIndex(SectorAnalysis.FIRST_DATE)));
            LocalDate l = AnalysisRun.date(r.get(r.fieldIndex(SectorAnalysis.LAST_DATE)));
            from = from == null || f.isBefore(from) ? f : from;
            to = to == null || l.isAfter(to) ? l : to;
        }
        int n = run.request.top();
        List<MoversReport.Mover> gainers = all.stream().filter(m -> m.changePct() > 0).limit(n).toList();
        List<MoversReport.Mover> losers = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && losers.size() < n; i--) {
            if (all.get(i).changePct() < 0) {
                losers.add(all.get(i));
            }
        }
        losers.sort(java.util.Comparator.comparingDouble(MoversReport.Mover::changePct)
                .thenComparing(MoversReport.Mover::symbol));
        return new MoversReport(from != null ? from : run.request.from().orElse(null),
                to != null ? to : run.request.to().orElse(null), gainers, losers);
    }
}
