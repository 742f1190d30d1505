package io.lakelens.data;

import java.util.List;

/**
 * Names of the generated tables and their columns, shared by the generator, search,
 * analytics and the UI so a renamed column is renamed everywhere.
 */
public final class Tables {
    private Tables() {
    }

    /** Daily bars, one row per symbol and trade date: the searched table. */
    public static final class MarketData {
        public static final String NAME = "market_data";
        public static final String SYMBOL = "symbol";
        public static final String COMPANY = "company_name";
        public static final String EXCHANGE = "exchange";
        public static final String SECTOR = "sector";
        public static final String INDUSTRY = "industry";
        public static final String TRADE_DATE = "trade_date";
        public static final String TS = "ts";
        public static final String OPEN = "open";
        public static final String HIGH = "high";
        public static final String LOW = "low";
        public static final String CLOSE = "close";
        public static final String VOLUME = "volume";
        public static final String VWAP = "vwap";
        public static final String MARKET_CAP = "market_cap";
        /** Added mid-history by a schema-evolution commit, then backfilled. */
        public static final String CHANGE_PCT = "change_pct";
        /** Key columns: one row per symbol per trade date. */
        public static final List<String> KEY = List.of(SYMBOL, TRADE_DATE);
        /** Columns with data-skipping statistics, searched ones first. */
        public static final String STATS_COLUMNS = "symbol,trade_date,sector,exchange,close,volume,company_name,ts";

        private MarketData() {
        }
    }

    public static final class Transactions {
        public static final String NAME = "trading_transactions";
        public static final String TRADE_ID = "trade_id";
        public static final String ACCOUNT = "account";
        public static final String TRADER = "trader";
        public static final String SYMBOL = "symbol";
        public static final String SIDE = "side";
        public static final String QUANTITY = "quantity";
        public static final String PRICE = "price";
        public static final String NOTIONAL = "notional";
        public static final String TS = "ts";
        public static final String VENUE = "venue";
        public static final List<String> KEY = List.of(TRADE_ID);
        /** Columns with data-skipping statistics: the ones trades are looked up by. */
        public static final String STATS_COLUMNS = "trade_id,account,symbol,ts,side,venue,trader";

        private Transactions() {
        }
    }

    public static final class Holdings {
        public static final String NAME = "portfolio_holdings";
        public static final String PORTFOLIO = "portfolio";
        public static final String SYMBOL = "symbol";
        public static final String QUANTITY = "quantity";
        public static final String AVG_COST = "avg_cost";
        public static final String MARKET_VALUE = "market_value";
        public static final String AS_OF_DATE = "as_of_date";
        public static final List<String> KEY = List.of(PORTFOLIO, SYMBOL);
        public static final String STATS_COLUMNS = "portfolio,symbol,as_of_date";

        private Holdings() {
        }
    }

    public static final class Events {
        public static final String NAME = "market_events";
        public static final String EVENT_ID = "event_id";
        public static final String SYMBOL = "symbol";
        public static final String TS = "ts";
        public static final String EVENT_TYPE = "event_type";
        /**
         * Semi-structured details as Delta's VARIANT type: Spark writes, reads, filters with
         * {@code variant_get(payload, '$.eps_actual', 'double')}, time-travels and reads it in the
         * change feed. Delta Kernel 4.4.0's default Parquet reader cannot read VARIANT columns
         * ("variant is not supported"), so read this table through Spark, not Kernel.
         */
        public static final String PAYLOAD = "payload";
        public static final List<String> KEY = List.of(EVENT_ID);
        /** The VARIANT payload has no min/max statistics; events are found by symbol, time and type. */
        public static final String STATS_COLUMNS = "event_id,symbol,ts,event_type";

        private Events() {
        }
    }

    /** The tables {@code lakelens generate} builds, in the order it builds them. */
    public static final List<String> GENERATED = List.of(MarketData.NAME, Transactions.NAME, Holdings.NAME, Events.NAME);

    /** The key columns LakeLens assumes for a table when the user names none. */
    public static List<String> defaultKey(String table) {
        return switch (table) {
            case MarketData.NAME -> MarketData.KEY;
            case Transactions.NAME -> Transactions.KEY;
            case Holdings.NAME -> Holdings.KEY;
            case Events.NAME -> Events.KEY;
            default -> List.of();
        };
    }
}
