package io.lakelens.data;

import io.lakelens.data.Tables.Events;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.data.Tables.Transactions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.cos;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.named_struct;
import static org.apache.spark.sql.functions.parse_json;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.shiftrightunsigned;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.unix_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * The price model and the derived tables as Spark expressions. Every random number is a hash of
 * (seed, stream, keys), not a stateful generator, so a value depends only on the seed and its
 * row's keys: the data is identical whatever the partitioning, the number of cores or the order
 * tasks run in. The only sequential step, the random walk, is a cumulative sum over a window
 * partitioned by symbol.
 */
final class MarketModel {
    /** Internal columns of the bars frame, beside the market_data columns. */
    static final String SYM_IDX = "sym_idx";
    static final String DAY = "day";
    static final String RET = "ret";
    static final String LIQUIDITY = "liquidity";
    static final String SHARES = "shares";
    static final String DIV_PAYER = "div_payer";
    static final String EARN_OFFSET = "earn_offset";

    private static final double TWO_POW_53 = 9007199254740992.0;
    private static final String NEW_YORK = "America/New_York";

    private final GenerationPlan plan;
    private final long seed;

    MarketModel(GenerationPlan plan) {
        this.plan = plan;
        this.seed = plan.seed();
    }

    /** Uniform in (0, 1) from a hash of the seed, a stream number and the keys. */
    Column uniform(int stream, Column... keys) {
        Column[] all = new Column[keys.length + 2];
        all[0] = lit(seed);
        all[1] = lit(stream);
        System.arraycopy(keys, 0, all, 2, keys.length);
        return shiftrightunsigned(xxhash64(all), 11).cast(DataTypes.DoubleType).plus(0.5).divide(TWO_POW_53);
    }

    /** Standard normal by Box-Muller over two hashed uniforms. */
    Column normal(int stream, Column... keys) {
        return sqrt(log(uniform(stream, keys)).multiply(-2.0))
                .multiply(cos(uniform(stream + 10_000, keys).multiply(2 * Math.PI)));
    }

    /** The symbols as a small frame, indexed by ticker order (so index ranges are ticker ranges). */
    Dataset<Row> symbols(SparkSession spark) {
        StructType schema = new StructType()
                .add(SYM_IDX, DataTypes.IntegerType, false)
                .add(MarketData.SYMBOL, DataTypes.StringType, false)
                .add(MarketData.COMPANY, DataTypes.StringType, false)
                .add(MarketData.EXCHANGE, DataTypes.StringType, false)
                .add(MarketData.SECTOR, DataTypes.StringType, false)
                .add(MarketData.INDUSTRY, DataTypes.StringType, false)
                .add("sector_idx", DataTypes.IntegerType, false)
                .add("base_price", DataTypes.DoubleType, false)
                .add(SHARES, DataTypes.LongType, false)
                .add("beta", DataTypes.DoubleType, false)
                .add("vol", DataTypes.DoubleType, false)
                .add(LIQUIDITY, DataTypes.DoubleType, false)
                .add(DIV_PAYER, DataTypes.BooleanType, false)
                .add(EARN_OFFSET, DataTypes.IntegerType, false);
        List<SymbolInfo> syms = plan.bySymbol();
        // Trading interest grows with market cap: the largest names trade about 3x the average.
        double[] logCap = syms.stream().mapToDouble(s -> Math.log(s.basePrice() * s.sharesOutstanding())).toArray();
        double mean = java.util.Arrays.stream(logCap).average().orElse(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < syms.size(); i++) {
            SymbolInfo s = syms.get(i);
            double liquidity = Math.max(0.25, Math.min(3.0, Math.exp(0.35 * (logCap[i] - mean))));
            int h = Math.floorMod(s.symbol().hashCode() * 31 + 7, 1_000_003);
            boolean payer = !(s.sector().equals("Technology") || s.sector().equals("Communication Services"))
                    ? h % 10 < 8 : h % 10 < 4;
            rows.add(RowFactory.create(i, s.symbol(), s.companyName(), s.exchange(), s.sector(), s.industry(),
                    SymbolUniverse.SECTORS.indexOf(s.sector()), s.basePrice(), s.sharesOutstanding(), s.beta(),
                    s.volatility(), liquidity, payer, h % 63));
        }
        return spark.createDataFrame(rows, schema);
    }

    /** Trade date of a day index: weekdays ending at {@link GenerationPlan#LAST_TRADE_DATE}. */
    Column tradeDate(Column day) {
        LocalDate first = plan.tradeDates().get(0);
        int offset = first.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        LocalDate monday = first.minusDays(offset);
        Column d = day.plus(offset);
        return date_add(lit(monday), floor(d.divide(5)).cast("int").multiply(7).plus(pmod(d, lit(5))));
    }

    /** A wall-clock time in New York on a trade date, as a UTC timestamp. */
    static Column newYorkTime(Column tradeDate, Column secondsAfterMidnight) {
        return to_utc_timestamp(timestamp_seconds(unix_date(tradeDate).cast("long").multiply(86_400L).plus(secondsAfterMidnight)),
                NEW_YORK);
    }

    /**
     * Daily bars for every symbol and day, sorted by (symbol, day) and range-partitioned by symbol
     * into {@link GenerationPlan#partitions()} partitions. Columns: the market_data columns
     * (change_pct included) plus the internal ones named above.
     */
    Dataset<Row> bars(SparkSession spark) {
        int days = plan.days();
        int nSym = plan.bySymbol().size();
        int parts = plan.partitions();
        Dataset<Row> syms = symbols(spark);
        Column day = col(DAY);
        Column sym = col(SYM_IDX);
        Column sector = col("sector_idx");

        Dataset<Row> grid = spark.range(0, (long) nSym * days, 1, parts).select(
                floor(col("id").divide(days)).cast("int").as(SYM_IDX),
                pmod(col("id"), lit((long) days)).cast("int").as(DAY));
        // Daily log return: market factor + sector factor + idiosyncratic noise, loadings chosen
        // so the total variance is the symbol's own (about 0.4 correlation within a sector,
        // 0.2 across), plus rare jumps for fat tails.
        Column sigma = col("vol").divide(Math.sqrt(252));
        Column loadM = least(lit(0.7), col("beta").multiply(0.42));
        Column loadS = lit(0.45);
        Column loadI = sqrt(greatest(lit(0.05), lit(1.0).minus(loadM.multiply(loadM)).minus(0.45 * 0.45)));
        Column shock = normal(1, day).multiply(loadM)
                .plus(normal(2, sector, day).multiply(loadS))
                .plus(normal(3, sym, day).multiply(loadI))
                .plus(when(uniform(4, sym, day).lt(0.004), normal(5, sym, day).multiply(3.0)).otherwise(0.0));
        Column drift = lit(0.02).plus(col("beta").multiply(0.05)).divide(252).minus(sigma.multiply(sigma).multiply(0.5));
        Column ret = when(day.equalTo(0), lit(0.0)).otherwise(drift.plus(sigma.multiply(shock)));

        WindowSpec walk = Window.partitionBy(SYM_IDX).orderBy(DAY)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        // Range partitioning by symbol index satisfies the window's clustering, so this is the
        // only shuffle, and each partition is a narrow, sorted ticker range: one initial-load
        // file per partition with tight min/max statistics on symbol.
        Dataset<Row> walked = grid
                .join(broadcast(syms.select(SYM_IDX, "sector_idx", "beta", "vol")), SYM_IDX)
                .select(sym, day, ret.as(RET))
                .repartitionByRange(parts, sym)
                .withColumn("logp", sum(RET).over(walk))
                .join(broadcast(syms), SYM_IDX);

        Column sigmaW = col("vol").divide(Math.sqrt(252));
        Column base = col("base_price");
        Column closeRaw = greatest(lit(0.05), base.multiply(exp(col("logp"))));
        Column prevRaw = greatest(lit(0.05), base.multiply(exp(col("logp").minus(col(RET)))));
        Column openRaw = prevRaw.multiply(exp(sigmaW.multiply(0.3).multiply(normal(6, sym, day))));
        Dataset<Row> prices = walked.select(col("*"),
                round(closeRaw, 2).as(MarketData.CLOSE),
                round(openRaw, 2).as(MarketData.OPEN),
                round(prevRaw, 2).as("prev_close"));
        Column open = col(MarketData.OPEN);
        Column close = col(MarketData.CLOSE);
        Column highRaw = greatest(open, close).multiply(exp(abs(normal(7, sym, day)).multiply(sigmaW).multiply(0.5)));
        Column lowRaw = least(open, close).multiply(exp(abs(normal(8, sym, day)).multiply(sigmaW).multiply(-0.5)));
        Dataset<Row> ohlc = prices.select(col("*"),
                greatest(round(highRaw, 2), open, close).as(MarketData.HIGH),
                least(round(lowRaw, 2), open, close).as(MarketData.LOW));
        Column high = col(MarketData.HIGH);
        Column low = col(MarketData.LOW);
        Column vwap = round(low.plus(high.minus(low).multiply(
                lit(0.25).plus(uniform(9, sym, day).plus(uniform(10, sym, day)).multiply(0.25)))), 4);
        // Daily turnover about 0.4 % of shares for a 25 %-vol stock, more on volatile names and big moves.
        Column volume = greatest(lit(100L), round(col(SHARES).multiply(col("vol").divide(0.25).multiply(0.004))
                .multiply(exp(normal(11, sym, day).multiply(0.35).minus(0.06)))
                .multiply(lit(1.0).plus(abs(col(RET)).multiply(6.0)))).cast("long"));
        Column tradeDate = tradeDate(day);
        return ohlc.select(
                sym, day,
                col(MarketData.SYMBOL), col(MarketData.COMPANY), col(MarketData.EXCHANGE), col(MarketData.SECTOR),
                col(MarketData.INDUSTRY),
                tradeDate.as(MarketData.TRADE_DATE),
                newYorkTime(tradeDate, lit(16 * 3600L)).as(MarketData.TS),
                open, high, low, close,
                volume.as(MarketData.VOLUME),
                vwap.as(MarketData.VWAP),
                round(close.multiply(col(SHARES)), 0).as(MarketData.MARKET_CAP),
                when(day.equalTo(0), lit(null).cast("double"))
                        .otherwise(round(close.divide(col("prev_close")).minus(1.0).multiply(100.0), 4)).as(MarketData.CHANGE_PCT),
                col(RET), col("vol"), col(LIQUIDITY), col(SHARES), col(DIV_PAYER), col(EARN_OFFSET));
    }

    /** The market_data columns in table order, without change_pct (added mid-history). */
    static Column[] marketColumns() {
        return new Column[]{col(MarketData.SYMBOL), col(MarketData.COMPANY), col(MarketData.EXCHANGE),
                col(MarketData.SECTOR), col(MarketData.INDUSTRY), col(MarketData.TRADE_DATE), col(MarketData.TS),
                col(MarketData.OPEN), col(MarketData.HIGH), col(MarketData.LOW), col(MarketData.CLOSE),
                col(MarketData.VOLUME), col(MarketData.VWAP), col(MarketData.MARKET_CAP)};
    }

    static final List<String> TRADERS = List.of("A. Okafor", "B. Lindqvist", "C. Moreau", "D. Tanaka", "E. Russo",
            "F. Haddad", "G. Novak", "H. Osei", "I. Petrov", "J. Alvarez", "K. Nakamura", "L. Fischer", "M. Duarte",
            "N. Kowalski", "O. Brennan", "P. Shah", "Q. Larsen", "R. Mensah", "S. Ito", "T. Keller", "U. Romero",
            "V. Chen", "W. Adeyemi", "X. Varga");
    static final List<String> VENUES = List.of("NYSE", "NASDAQ", "ARCA", "BATS", "EDGX", "IEX", "DARK");

    /** Number of trading accounts: scales with the universe, 100 at TINY, 1,000 at LARGE. */
    int accounts() {
        return Math.max(50, Math.min(2000, plan.bySymbol().size() * 2));
    }

    static String accountName(int index) {
        return "ACC-" + (10_001 + index);
    }

    /**
     * Trades for the given bars: about one per two bars, more on liquid names, priced near the
     * day's close within its low-high range. No trade_id: the table's identity column assigns it.
     */
    Dataset<Row> trades(Dataset<Row> bars) {
        Column sym = col(SYM_IDX);
        Column day = col(DAY);
        Column count = floor(uniform(20, sym, day).multiply(col(LIQUIDITY)).multiply(2.0)).cast("int");
        Dataset<Row> exploded = bars.where(count.gt(0))
                .select(col("*"), explode(sequence(lit(1), count)).as("k"));
        Column k = col("k");
        // Accounts trade unevenly: u^2 puts more trades on low account numbers, as with real books.
        Column u = uniform(21, sym, day, k);
        Column accIdx = floor(u.multiply(u).multiply(accounts())).cast("int");
        Column account = concat(lit("ACC-"), accIdx.plus(10_001).cast("string"));
        Column trader = element_at(array(TRADERS.stream().map(t -> lit(t)).toArray(Column[]::new)),
                pmod(accIdx.multiply(7), lit(TRADERS.size())).plus(1));
        Column venueU = uniform(22, sym, day, k);
        Column venue = when(venueU.lt(0.22), lit("NYSE")).when(venueU.lt(0.47), lit("NASDAQ"))
                .when(venueU.lt(0.57), lit("ARCA")).when(venueU.lt(0.67), lit("BATS")).when(venueU.lt(0.75), lit("EDGX"))
                .when(venueU.lt(0.80), lit("IEX")).otherwise(lit("DARK"));
        Column roundLot = uniform(23, sym, day, k).lt(0.75);
        Column lots = floor(exp(normal(24, sym, day, k).plus(1.2))).plus(1);
        Column quantity = when(roundLot, lots.multiply(100)).otherwise(floor(uniform(25, sym, day, k).multiply(99)).plus(1))
                .cast("long");
        Column price = round(least(col(MarketData.HIGH), greatest(col(MarketData.LOW),
                col(MarketData.CLOSE).multiply(exp(normal(26, sym, day, k).multiply(0.004))))), 4);
        Column seconds = lit(34_200L).plus(floor(uniform(27, sym, day, k).multiply(23_400)).cast("long"));
        return exploded.select(
                account.as(Transactions.ACCOUNT),
                trader.as(Transactions.TRADER),
                col(MarketData.SYMBOL).as(Transactions.SYMBOL),
                when(uniform(28, sym, day, k).lt(0.5), lit("BUY")).otherwise(lit("SELL")).as(Transactions.SIDE),
                quantity.as(Transactions.QUANTITY),
                price.as(Transactions.PRICE),
                round(price.multiply(quantity), 2).as(Transactions.NOTIONAL),
                newYorkTime(col(MarketData.TRADE_DATE), seconds).as(Transactions.TS),
                venue.as(Transactions.VENUE));
    }

    static final int EARNINGS = 1;
    static final int DIVIDEND = 2;
    static final int SPLIT = 3;
    static final int HALT = 4;
    static final int NEWS = 5;
    static final int DELISTING = 6;

    static Column eventId(Column day, Column sym, int nSym, int type) {
        return day.cast("long").multiply(nSym).plus(sym).multiply(8).plus(type);
    }

    /**
     * Corporate events and news for the given bars, with a JSON-built payload cast to VARIANT:
     * quarterly earnings (surprise sign follows the day's return), quarterly dividends for
     * payers, rare splits and volatility halts, and news on about 3 % of symbol-days.
     */
    Dataset<Row> events(Dataset<Row> bars) {
        int nSym = plan.bySymbol().size();
        Column sym = col(SYM_IDX);
        Column day = col(DAY);
        Column ret = col(RET);
        Column close = col(MarketData.CLOSE);
        Column date = col(MarketData.TRADE_DATE);
        Column quarter = concat(lit("Q"), pmod(floor(day.divide(63)), lit(4)).plus(1).cast("string"), lit(" FY"),
                date.substr(1, 4));

        Column epsEstimate = round(close.multiply(0.012).multiply(exp(normal(30, sym, day).multiply(0.2))), 2);
        Column surprise = round(ret.multiply(300.0).plus(normal(31, sym, day).multiply(2.0)), 2);
        Dataset<Row> earnings = bars.where(pmod(day.plus(col(EARN_OFFSET)), lit(63)).equalTo(0)).select(
                eventId(day, sym, nSym, EARNINGS).as(Events.EVENT_ID), col(MarketData.SYMBOL), date,
                newYorkTime(date, when(uniform(32, sym, day).lt(0.5), lit(7L * 3600)).otherwise(lit(16L * 3600 + 1800)))
                        .as(Events.TS),
                lit("EARNINGS").as(Events.EVENT_TYPE),
                to_json(named_struct(
                        lit("fiscal_quarter"), quarter,
                        lit("eps_estimate"), epsEstimate,
                        lit("eps_actual"), round(epsEstimate.multiply(lit(1.0).plus(surprise.divide(100.0))), 2),
                        lit("surprise_pct"), surprise,
                        lit("revenue_musd"), round(col(SHARES).multiply(close).multiply(0.06).divide(1e6)
                                .multiply(exp(normal(33, sym, day).multiply(0.1))), 1),
                        lit("guidance"), when(surprise.gt(3), lit("raised")).when(surprise.lt(-3), lit("lowered"))
                                .otherwise(lit("maintained")))).as(Events.PAYLOAD));

        Dataset<Row> dividends = bars.where(col(DIV_PAYER).and(pmod(day.plus(col(EARN_OFFSET)).plus(21), lit(63)).equalTo(0)))
                .select(eventId(day, sym, nSym, DIVIDEND).as(Events.EVENT_ID), col(MarketData.SYMBOL), date,
                        newYorkTime(date, lit(8L * 3600)).as(Events.TS),
                        lit("DIVIDEND").as(Events.EVENT_TYPE),
                        to_json(named_struct(
                                lit("amount"), round(close.multiply(0.005).multiply(lit(0.6).plus(uniform(34, sym)
                                        .multiply(0.8))), 2),
                                lit("currency"), lit("USD"),
                                lit("frequency"), lit("quarterly"),
                                lit("ex_date"), date_add(date, 14).cast("string"),
                                lit("pay_date"), date_add(date, 35).cast("string"))).as(Events.PAYLOAD));

        Column splitTo = when(close.gt(1000), lit(10)).when(close.gt(400), lit(4)).otherwise(lit(2));
        Dataset<Row> splits = bars.where(close.gt(150).and(uniform(35, sym, day).lt(0.0004)))
                .select(eventId(day, sym, nSym, SPLIT).as(Events.EVENT_ID), col(MarketData.SYMBOL), date,
                        newYorkTime(date, lit(17L * 3600)).as(Events.TS),
                        lit("SPLIT").as(Events.EVENT_TYPE),
                        to_json(named_struct(
                                lit("ratio"), concat(splitTo.cast("string"), lit(":1")),
                                lit("split_from"), lit(1),
                                lit("split_to"), splitTo,
                                lit("effective_date"), date_add(date, 10).cast("string"))).as(Events.PAYLOAD));

        Column haltReason = when(uniform(37, sym, day).lt(0.7), lit("LULD volatility pause"))
                .when(uniform(37, sym, day).lt(0.9), lit("News pending")).otherwise(lit("Order imbalance"));
        Dataset<Row> halts = bars.where(uniform(36, sym, day).lt(0.0006).or(abs(ret).gt(col("vol").multiply(0.25))
                        .and(uniform(36, sym, day).lt(0.3))))
                .select(eventId(day, sym, nSym, HALT).as(Events.EVENT_ID), col(MarketData.SYMBOL), date,
                        newYorkTime(date, lit(34_200L).plus(floor(uniform(38, sym, day).multiply(23_000)).cast("long")))
                                .as(Events.TS),
                        lit("HALT").as(Events.EVENT_TYPE),
                        to_json(named_struct(
                                lit("reason"), haltReason,
                                lit("duration_sec"), lit(300).multiply(floor(uniform(39, sym, day).multiply(4)).plus(1))
                                        .cast("int"),
                                lit("resumed"), lit(true))).as(Events.PAYLOAD));

        Column sentiment = round(greatest(lit(-1.0), least(lit(1.0), ret.multiply(25.0).plus(normal(40, sym, day)
                .multiply(0.25)))), 2);
        Column company = col(MarketData.COMPANY);
        Column headline = when(sentiment.gt(0.5), format_string("%s shares jump as analysts raise targets", company))
                .when(sentiment.gt(0.15), format_string("%s gains after upbeat industry data", company))
                .when(sentiment.gt(-0.15), format_string("%s holds investor day, reiterates outlook", company))
                .when(sentiment.gt(-0.5), format_string("%s slips on margin concerns", company))
                .otherwise(format_string("%s falls sharply after downgrade", company));
        Column sourceU = uniform(42, sym, day);
        Column source = when(sourceU.lt(0.35), lit("Reuters")).when(sourceU.lt(0.65), lit("Bloomberg"))
                .when(sourceU.lt(0.85), lit("Dow Jones")).otherwise(lit("PR Newswire"));
        Dataset<Row> news = bars.where(uniform(41, sym, day).lt(0.03))
                .select(eventId(day, sym, nSym, NEWS).as(Events.EVENT_ID), col(MarketData.SYMBOL), date,
                        newYorkTime(date, lit(6L * 3600).plus(floor(uniform(43, sym, day).multiply(14 * 3600)).cast("long")))
                                .as(Events.TS),
                        lit("NEWS").as(Events.EVENT_TYPE),
                        to_json(named_struct(
                                lit("headline"), headline,
                                lit("source"), source,
                                lit("sentiment"), sentiment,
                                lit("sector"), col(MarketData.SECTOR))).as(Events.PAYLOAD));

        return earnings.unionByName(dividends).unionByName(splits).unionByName(halts).unionByName(news)
                .select(col(Events.EVENT_ID), col(MarketData.SYMBOL).as(Events.SYMBOL), col(Events.TS),
                        col(Events.EVENT_TYPE), parse_json(col(Events.PAYLOAD)).as(Events.PAYLOAD));
    }
}
