package io.lakelens.analytics;

import java.util.List;

/**
 * The seed write-up's example queries, adapted to the generated lake's tables and columns and
 * preloaded in the SQL console. They time-travel with Spark's own {@code VERSION AS OF} on the
 * lake's catalogue tables (so run them with the as-of selector on "latest"), except the
 * window-function query, which is meant to be run as of a past version with the selector.
 */
public final class SqlExamples {
    private SqlExamples() {
    }

    /**
     * One example.
     *
     * @param id     stable id, e.g. {@code time-travel-risk}
     * @param title  short title for the picker
     * @param source where in the seed it comes from
     * @param sql    the query
     * @param asOfSelector true when the example is meant to run with the as-of selector; the
     *                     others time-travel in their SQL and need the selector on latest
     */
    public record SqlExample(String id, String title, String source, String sql, boolean asOfSelector) {
    }

    public static final SqlExample TIME_TRAVEL_RISK = new SqlExample("time-travel-risk",
            "Portfolio risk then vs now (time travel)", "Risk Management with Time Travel: Historical Risk Assessment", """
            -- Each position's risk score at version 0 of portfolio_holdings and now, with the
            -- seed's assessment. risk_score = position weight × annualised 30-day volatility.
            WITH returns AS (
              SELECT symbol, trade_date,
                     LN(close / LAG(close) OVER (PARTITION BY symbol ORDER BY trade_date)) AS log_return
              FROM market_data
            ),
            volatility AS (
              SELECT symbol,
                     STDDEV_SAMP(log_return) OVER (PARTITION BY symbol ORDER BY trade_date
                                                   ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) * SQRT(252) AS volatility_30d,
                     ROW_NUMBER() OVER (PARTITION BY symbol ORDER BY trade_date DESC) AS recency
              FROM returns
            ),
            latest_volatility AS (
              SELECT symbol, volatility_30d FROM volatility WHERE recency = 1
            ),
            historical_portfolio AS (
              SELECT h.portfolio, h.symbol, h.quantity, h.market_value,
                     h.market_value / SUM(h.market_value) OVER (PARTITION BY h.portfolio) * v.volatility_30d AS risk_score
              FROM portfolio_holdings VERSION AS OF 0 AS h
              JOIN latest_volatility v ON h.symbol = v.symbol
            ),
            current_portfolio AS (
              SELECT c.portfolio, c.symbol, c.quantity, c.market_value,
                     c.market_value / SUM(c.market_value) OVER (PARTITION BY c.portfolio) * v.volatility_30d AS risk_score
              FROM portfolio_holdings AS c
              JOIN latest_volatility v ON c.symbol = v.symbol
            )
            SELECT h.portfolio,
                   h.symbol,
                   h.risk_score AS historical_risk,
                   c.risk_score AS current_risk,
                   (c.risk_score - h.risk_score) AS risk_change,
                   CASE
                     WHEN (c.risk_score - h.risk_score) > 0.2 THEN 'HIGH_INCREASE'
                     WHEN (c.risk_score - h.risk_score) > 0.1 THEN 'MODERATE_INCREASE'
                     ELSE 'STABLE'
                   END AS risk_assessment
            FROM historical_portfolio h
            JOIN current_portfolio c
              ON h.portfolio = c.portfolio
             AND h.symbol = c.symbol
            ORDER BY risk_change DESC
            """, false);

    public static final SqlExample VERSION_AS_OF_SECTOR = new SqlExample("version-as-of-sector",
            "Sectors as of version 0 vs now", "Time Travel for Regulatory Compliance: point-in-time query", """
            -- Per sector: prices and volume as market_data was at version 0, next to today's.
            WITH then_ AS (
              SELECT sector, COUNT(DISTINCT symbol) AS symbols, AVG(close) AS avg_price, SUM(volume) AS volume
              FROM market_data VERSION AS OF 0
              GROUP BY sector
            ),
            now_ AS (
              SELECT sector, COUNT(DISTINCT symbol) AS symbols, AVG(close) AS avg_price, SUM(volume) AS volume
              FROM market_data
              GROUP BY sector
            )
            SELECT COALESCE(n.sector, t.sector) AS sector,
                   t.symbols AS symbols_v0, n.symbols AS symbols_now,
                   ROUND(t.avg_price, 2) AS avg_price_v0, ROUND(n.avg_price, 2) AS avg_price_now,
                   t.volume AS volume_v0, n.volume AS volume_now
            FROM then_ t
            FULL OUTER JOIN now_ n ON t.sector = n.sector
            ORDER BY sector
            """, false);

    public static final SqlExample WINDOW_RISK = new SqlExample("window-risk",
            "Window-function risk query", "Advanced Analytics Patterns: Risk Assessment Queries", """
            -- Previous close, 30-day volatility and a risk score (volatility percentile) per
            -- symbol and day for Technology and Finance, highest risk first. To run it
            -- "as of yesterday", pick a past version in the as-of selector.
            WITH priced AS (
              SELECT symbol, sector, trade_date,
                     close AS current_price,
                     LAG(close, 1) OVER (PARTITION BY symbol ORDER BY trade_date) AS prev_price
              FROM market_data
              WHERE lower(sector) IN ('technology', 'finance', 'financials', 'financial services')
            ),
            scored AS (
              SELECT *,
                     STDDEV_SAMP(LN(current_price / prev_price)) OVER (PARTITION BY symbol ORDER BY trade_date
                                 ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) * SQRT(252) AS volatility_30d
              FROM priced
            ),
            ranked AS (
              SELECT *, PERCENT_RANK() OVER (ORDER BY volatility_30d) AS risk_score
              FROM scored
              WHERE volatility_30d IS NOT NULL
            )
            SELECT symbol, sector, trade_date, current_price, prev_price, volatility_30d, risk_score
            FROM ranked
            WHERE risk_score > 0.7
            ORDER BY risk_score DESC, symbol, trade_date
            LIMIT 200
            """, true);

    public static final SqlExample COMPARE_VERSIONS = new SqlExample("compare-versions",
            "Prices corrected between versions", "Historical Data Analysis: compare data across versions", """
            -- Closes that a later commit changed (vendor corrections), from Delta's change feed:
            -- each row's value before and after, and the version that changed it.
            SELECT pre.symbol,
                   pre.trade_date,
                   pre.close AS price_before,
                   post.close AS price_after,
                   (post.close - pre.close) AS price_change,
                   post._commit_version AS corrected_in_version
            FROM table_changes('market_data', 0) pre
            JOIN table_changes('market_data', 0) post
              ON pre.symbol = post.symbol
             AND pre.trade_date = post.trade_date
             AND pre._commit_version = post._commit_version
            WHERE pre._change_type = 'update_preimage'
              AND post._change_type = 'update_postimage'
              AND pre.close <> post.close
            ORDER BY ABS(post.close - pre.close) DESC, pre.symbol, pre.trade_date
            LIMIT 100
            """, false);

    public static final SqlExample HISTORY = new SqlExample("describe-history",
            "Commit history of market_data", "Regulatory Compliance Queries: data retention", """
            DESCRIBE HISTORY market_data
            """, false);

    public static List<SqlExample> all() {
        return List.of(TIME_TRAVEL_RISK, VERSION_AS_OF_SECTOR, WINDOW_RISK, COMPARE_VERSIONS, HISTORY);
    }
}
