package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.analytics.AnalysisKind;
import io.lakelens.analytics.AnalysisRequest;
import io.lakelens.analytics.AnalysisResult;
import io.lakelens.analytics.AnalyticsService;
import io.lakelens.analytics.CancelHandle;
import io.lakelens.analytics.ResultTable;
import io.lakelens.analytics.RiskReport;
import io.lakelens.lake.AsOfs;
import io.lakelens.search.StrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Run a named analysis over market_data (and portfolio_holdings for risk), as of any version or time.",
                "sector: per-sector return, average daily change, volume, best and worst symbol.",
                "volatility: annualised 30-day volatility, most volatile symbols and one symbol's band.",
                "movers: biggest gainers and losers over the dates, with volume.",
                "risk: portfolio risk then (--compare-to) vs now (--as-of), with the positions that drove it.",
                "csv prints the main table; table and json print everything."})
public final class AnalyzeCommand extends LakeCommand {
    @Parameters(paramLabel = "ANALYSIS", description = "sector, volatility, movers or risk.")
    String analysis;

    @Option(names = "--from", paramLabel = "DATE", description = "First trade date included (e.g. 2024-01-02).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last trade date included.")
    String to;

    @Option(names = "--as-of", paramLabel = "VERSION|TIMESTAMP", description = "Analyse the lake as of a version or time (default latest).")
    String asOf;

    @Option(names = "--compare-to", paramLabel = "VERSION|TIMESTAMP",
            description = "risk: the past state to compare with (default the previous portfolio_holdings version).")
    String compareTo;

    @Option(names = "--top", defaultValue = "10", description = "Rows of each ranking (default 10).")
    int top;

    @Option(names = "--symbol", description = "volatility: the symbol whose band is shown (default the most volatile).")
    String symbol;

    @Option(names = "--strategy", defaultValue = "cache-first",
            description = "cache-first, database-only, circuit-breaker or hybrid (default cache-first).")
    String strategy;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json.")
    Format format;

    @Override
    protected int run(AppContext ctx) {
        AnalysisKind kind = AnalysisKind.parse(analysis);
        if (compareTo != null && kind != AnalysisKind.RISK) {
            throw new LakeLensException("--compare-to only applies to the risk analysis.");
        }
        AnalysisRequest request = AnalysisRequest.of(kind)
                .withRange(date("--from", from), date("--to", to))
                .withAsOf(AsOfs.parse(asOf))
                .withCompareTo(compareTo == null ? null : AsOfs.parse(compareTo))
                .withTop(top)
                .withSymbol(symbol);
        StrategyKind strategyKind = StrategyKind.parse(strategy);
        AnalyticsService analytics = ctx.analytics();
        AnalysisResult result = analytics.run(request, strategyKind, new CancelHandle());
        switch (format) {
            case CSV -> {
                ResultTable main = result.tables().get(0);
                Output.rows(out(), Format.CSV, main.columns(), main.rows());
            }
            case JSON -> {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("analysis", kind.id());
                doc.put("method", result.method());
                doc.put("versionsRead", result.versionsRead());
                doc.put("latencyMs", Math.round(result.latencyMs() * 10) / 10.0);
                doc.put("cacheHit", result.cacheHit());
                doc.put("strategy", result.strategy().id());
                doc.put("fallback", result.fallback());
                doc.put("reason", result.reason());
                doc.put("result", result.data());
                doc.put("plan", result.plan());
                out().println(Output.json(doc));
            }
            case TABLE -> printTables(result);
        }
        out().flush();
        return ExitCode.OK;
    }

    private void printTables(AnalysisResult result) {
        out().println(result.kind().title());
        if (result.data() instanceof RiskReport risk) {
            out().println("then: " + side(risk.then()));
            out().println("now:  " + side(risk.now()));
        }
        for (ResultTable t : result.tables()) {
            out().println();
            out().println("== " + t.name() + " (" + t.rows().size() + ")");
            if (t.rows().isEmpty()) {
                out().println("(none)");
            } else {
                out().print(Output.table(t.columns(), t.rows()));
            }
        }
        out().println();
        out().println("Method: " + result.method());
        out().println(result.summary());
    }

    private static String side(RiskReport.Side s) {
        return s.label() + " (portfolio_holdings v" + s.holdingsVersion() + ", market_data v" + s.marketDataVersion()
                + (s.priceDate() == null ? "" : ", closes of " + s.priceDate()) + ")";
    }
}
