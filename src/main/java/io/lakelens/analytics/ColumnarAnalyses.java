package io.lakelens.analytics;

import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Map;

import static io.lakelens.analytics.ColumnarEngine.ident;

/**
 * The four analyses as SQL for the {@link ColumnarEngine}: the same steps, in the same order,
 * as their DataFrame definitions (the same window frames, tie-breaks and null ordering), so
 * they return Spark's answer. Each returns rows with the column names the Spark plan produces,
 * and the analysis builds its report from them the same way. Column types are checked first:
 * a type whose conversion the engine might perform differently from Spark (text to number,
 * decimals, timestamps as trade dates) is {@link ColumnarEngine.Unsupported}.
 */
final class ColumnarAnalyses {
    private static final List<String> MARKET_COLUMNS = List.of(MarketData.SYMBOL, MarketData.SECTOR, MarketData.TRADE_DATE,
            MarketData.CLOSE, MarketData.VOLUME);
    private static final List<String> HOLDING_COLUMNS = List.of(Holdings.PORTFOLIO, Holdings.SYMBOL, Holdings.QUANTITY,
            Holdings.MARKET_VALUE);

    private ColumnarAnalyses() {
    }

    /** Per-sector figures: rows as {@code SectorAnalysis.sectors} collects them. */
    static List<Row> sectors(AnalysisRun run) {
        ColumnarEngine.Query q = new ColumnarEngine.Query();
        q.sql("WITH " + marketData(run, q, run.pins.marketData(), "md") + ", " + perSymbol("md", "ps") + """
                SELECT sector, avg(symbol_return) AS sector_return,
                       CASE WHEN sum(change_count) = 0 THEN NULL ELSE sum(change_sum) / sum(change_count) END AS avg_change,
                       CAST(sum(volume) AS BIGINT) AS volume, count(DISTINCT symbol) AS symbols,
                       max({'r': symbol_return, 's': symbol}) AS best, min({'r': symbol_return, 's': symbol}) AS worst,
                       min(first_date) AS first_date, max(last_date) AS last_date
                FROM ps GROUP BY sector
                ORDER BY sector_return DESC NULLS LAST, sector ASC NULLS FIRST""");
        return run.collect("sectors", q);
    }

    /** Every symbol's first and last close and return, best first: rows as {@code MoversAnalysis} collects them. */
    static List<Row> movers(AnalysisRun run) {
        ColumnarEngine.Query q = new ColumnarEngine.Query();
        q.sql("WITH " + marketData(run, q, run.pins.marketData(), "md") + ", " + perSymbol("md", "ps")
                + "SELECT * FROM ps ORDER BY symbol_return DESC NULLS LAST, symbol ASC NULLS FIRST");
        return run.collect("movers", q);
    }

    /** The most volatile symbols at their last date in the range. */
    static List<Row> mostVolatile(AnalysisRun run) {
        ColumnarEngine.Query q = new ColumnarEngine.Query();
        q.sql("WITH " + marketData(run, q, run.pins.marketData(), "md") + ", " + latestWithVolatility("md", "latest")
                + "SELECT * FROM latest WHERE volatility_30d IS NOT NULL "
                + "ORDER BY volatility_30d DESC NULLS LAST, symbol ASC NULLS FIRST LIMIT " + q.param(run.request.top()));
        return run.collect("most volatile", q);
    }

    /** One symbol's closes with its rolling volatility and band, oldest first. */
    static List<Row> band(AnalysisRun run, String symbol) {
        ColumnarEngine.Query q = new ColumnarEngine.Query();
        // the windows partition by symbol, so choosing the symbol first leaves every value unchanged
        String md = marketData(run, q, run.pins.marketData(), "md_all");
        q.sql("WITH " + md + ", md AS (SELECT * FROM md_all WHERE upper(symbol) = upper(" + q.param(symbol) + ")), "
                + withVolatility("md", "vol") + """
                SELECT symbol, trade_date, close, volatility_30d,
                       close * exp(daily_sigma * -2.0) AS lower, close * exp(daily_sigma * 2.0) AS upper
                FROM vol ORDER BY trade_date ASC NULLS FIRST""");
        return run.collect("band of " + symbol, q);
    }

    /** Positions then and now, joined: rows as {@code RiskAnalysis} collects them. */
    static List<Row> riskPositions(AnalysisRun run) {
        ColumnarEngine.Query q = new ColumnarEngine.Query();
        Pins p = run.pins;
        String sql = "WITH " + side(run, q, p.holdingsThen(), p.marketDataThen(), "t_") + ", "
                + side(run, q, p.holdings(), p.marketData(), "n_")
                + "SELECT " + prefixed("t_side", "then_") + ", " + prefixed("n_side", "now_")
                + " FROM t_side FULL OUTER JOIN n_side ON t_side.portfolio = n_side.portfolio AND t_side.symbol = n_side.symbol";
        q.sql(sql);
        return run.collect("positions then vs now", q);
    }

    private static final List<String> SIDE_COLUMNS = List.of(Holdings.PORTFOLIO, Holdings.SYMBOL, MarketData.SECTOR,
            "price_date", AnalysisRun.VOLATILITY_30D, "position_value", "weight", "risk_score");

    private static String prefixed(String relation, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String c : SIDE_COLUMNS) {
            sb.append(sb.isEmpty() ? "" : ", ").append(relation).append('.').append(ident(c)).append(" AS ").append(ident(prefix + c));
        }
        return sb.toString();
    }

    /** One side of the risk comparison: holdings at a version valued with market data at another. */
    private static String side(AnalysisRun run, ColumnarEngine.Query q, long holdingsVersion, long marketVersion, String p) {
        ColumnarEngine.Resolved h = run.columnar.resolve(Holdings.NAME, holdingsVersion, HOLDING_COLUMNS);
        requireType(h, Holdings.QUANTITY, true);
        requireType(h, Holdings.MARKET_VALUE, true);
        requireText(h, Holdings.PORTFOLIO);
        requireText(h, Holdings.SYMBOL);
        return p + "h AS (SELECT portfolio, symbol, sum(CAST(quantity AS DOUBLE)) AS quantity, "
                + "sum(CAST(market_value AS DOUBLE)) AS market_value FROM " + q.scan(h, HOLDING_COLUMNS) + " s GROUP BY portfolio, symbol), "
                + marketData(run, q, marketVersion, p + "md") + ", "
                + latestWithVolatility(p + "md", p + "latest") + ", "
                + p + "valued AS (SELECT h.portfolio, h.symbol, l.sector, l.trade_date AS price_date, l.volatility_30d, "
                + "coalesce(h.quantity * l.close, h.market_value) AS position_value FROM " + p + "h h LEFT JOIN " + p
                + "latest l ON h.symbol = l.symbol), "
                + p + "side AS (SELECT *, weight * volatility_30d AS risk_score FROM (SELECT *, position_value / "
                + "sum(position_value) OVER (PARTITION BY portfolio) AS weight FROM " + p + "valued WHERE position_value > 0) w)";
    }

    /**
     * {@code market_data} reduced as {@link AnalysisRun#marketData}: the columns the analyses
     * use, sector labelled, positive closes with a date, in the request's range.
     */
    private static String marketData(AnalysisRun run, ColumnarEngine.Query q, long version, String name) {
        ColumnarEngine.Resolved r = run.columnar.resolve(MarketData.NAME, version, MARKET_COLUMNS);
        requireText(r, MarketData.SYMBOL);
        requireText(r, MarketData.SECTOR);
        if (!(r.types().get(MarketData.TRADE_DATE) instanceof DateType)) {
            throw new ColumnarEngine.Unsupported(MarketData.TRADE_DATE + " of type " + r.types().get(MarketData.TRADE_DATE));
        }
        requireType(r, MarketData.CLOSE, true);
        requireType(r, MarketData.VOLUME, false);
        StringBuilder where = new StringBuilder("close > 0 AND trade_date IS NOT NULL");
        run.request.from().ifPresent(d -> where.append(" AND trade_date >= CAST(").append(q.param(d.toString())).append(" AS DATE)"));
        run.request.to().ifPresent(d -> where.append(" AND trade_date <= CAST(").append(q.param(d.toString())).append(" AS DATE)"));
        return name + " AS (SELECT symbol, sector, trade_date, close, volume FROM (SELECT symbol, "
                + "coalesce(sector, '" + AnalysisRun.UNCLASSIFIED + "') AS sector, trade_date, CAST(close AS DOUBLE) AS close, "
                + "coalesce(CAST(volume AS BIGINT), 0) AS volume FROM " + q.scan(r, MARKET_COLUMNS) + " s) m WHERE " + where + ")";
    }

    /** {@code SectorAnalysis.perSymbol}: per (sector, symbol) first and last close, daily changes, volume and dates. */
    private static String perSymbol(String md, String name) {
        return name + "_daily AS (SELECT *, close / lag(close) OVER (PARTITION BY symbol ORDER BY trade_date) - 1 AS daily_change FROM "
                + md + "), " + name + " AS (SELECT *, last_close / first_close - 1 AS symbol_return FROM ("
                + "SELECT sector, symbol, arg_min(close, trade_date) AS first_close, arg_max(close, trade_date) AS last_close, "
                + "sum(daily_change) AS change_sum, count(daily_change) AS change_count, CAST(sum(volume) AS BIGINT) AS volume, "
                + "min(trade_date) AS first_date, max(trade_date) AS last_date FROM " + name + "_daily GROUP BY sector, symbol) g) ";
    }

    /** {@code AnalysisRun.withVolatility}: log returns and the rolling 30-return volatility. */
    private static String withVolatility(String md, String name) {
        int preceding = AnalysisRun.VOLATILITY_WINDOW - 1;
        return name + "_r AS (SELECT *, ln(close / lag(close) OVER (PARTITION BY symbol ORDER BY trade_date)) AS log_return FROM "
                + md + "), " + name + " AS (SELECT *, daily_sigma * sqrt(" + AnalysisRun.TRADING_DAYS + ") AS volatility_30d FROM ("
                + "SELECT *, stddev_samp(log_return) OVER w AS daily_sigma, count(log_return) OVER w AS returns FROM " + name
                + "_r WINDOW w AS (PARTITION BY symbol ORDER BY trade_date ROWS BETWEEN " + preceding
                + " PRECEDING AND CURRENT ROW)) v) ";
    }

    /** {@code VolatilityAnalysis.latestWithVolatility}: each symbol's last row, from its last window + 1 closes. */
    private static String latestWithVolatility(String md, String name) {
        return name + "_recent AS (SELECT * FROM " + md + " QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY trade_date DESC) <= "
                + (AnalysisRun.VOLATILITY_WINDOW + 1) + "), " + withVolatility(name + "_recent", name + "_vol") + ", "
                + name + " AS (SELECT * FROM " + name + "_vol QUALIFY row_number() OVER (PARTITION BY symbol ORDER BY trade_date DESC) = 1) ";
    }

    private static void requireText(ColumnarEngine.Resolved r, String column) {
        if (!(r.types().get(column) instanceof StringType)) {
            throw new ColumnarEngine.Unsupported(column + " of type " + r.types().get(column));
        }
    }

    /** Integers convert to double and long alike in both engines; floats only to double. */
    private static void requireType(ColumnarEngine.Resolved r, String column, boolean floating) {
        DataType t = r.types().get(column);
        boolean integral = t instanceof LongType || t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType;
        boolean ok = integral || floating && (t instanceof DoubleType || t instanceof FloatType);
        if (!ok) {
            throw new ColumnarEngine.Unsupported(column + " of type " + t);
        }
    }

    /** The columns the analyses read, by table (for the bench and tests). */
    static Map<String, List<String>> columns() {
        return Map.of(MarketData.NAME, MARKET_COLUMNS, Holdings.NAME, HOLDING_COLUMNS);
    }
}
