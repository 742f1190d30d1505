package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.data.Tables.Holdings;
import io.lakelens.data.Tables.MarketData;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.LakeEngine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The table versions an analysis reads, resolved before it runs: the numbers, the versions it
 * reports and its cache key all name the same versions, even if a commit lands meanwhile.
 *
 * @param marketData     {@code market_data} version ("now" for risk)
 * @param holdings       {@code portfolio_holdings} version now, or -1 when not read
 * @param holdingsThen   risk: the holdings version compared with, else -1
 * @param marketDataThen risk: the market-data version current when {@code holdingsThen} was, else -1
 * @param nowLabel       the as-of as the user asked for it ({@code latest}, {@code version 3}, …)
 * @param thenLabel      risk: the compared point as asked for, else empty
 */
record Pins(long marketData, long holdings, long holdingsThen, long marketDataThen, String nowLabel, String thenLabel) {

    /** Versions read "now", by table, for the result. */
    Map<String, Long> now() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(MarketData.NAME, marketData);
        if (holdings >= 0) {
            m.put(Holdings.NAME, holdings);
        }
        return m;
    }

    /** The parts of a cache key that name versions and points in time. */
    String keyPart() {
        return "md=" + marketData + "|h=" + holdings + "|hThen=" + holdingsThen + "|mdThen=" + marketDataThen
                + "|now=" + nowLabel + "|then=" + thenLabel;
    }

    /**
     * Resolves versions. {@code latest} gives a table's latest version (the cache's cheap
     * version check when there is one); points in the past are resolved from the log.
     */
    static final class Resolver {
        private final LakeEngine engine;
        private final ToLongFunction<String> latest;
        /** Holdings commit (version, time) → market-data version then: history never changes, so it is kept. */
        private final Map<String, Long> marketAtCommit = new ConcurrentHashMap<>();

        Resolver(LakeEngine engine, ToLongFunction<String> latest) {
            this.engine = engine;
            this.latest = latest;
        }

        long at(String table, AsOf asOf) {
            return asOf instanceof AsOf.Latest ? latest.applyAsLong(table) : engine.resolveVersion(table, asOf);
        }

        Pins resolve(AnalysisRequest request) {
            AsOf now = request.asOf();
            if (request.kind() != AnalysisKind.RISK) {
                return new Pins(at(MarketData.NAME, now), -1, -1, -1, now.toString(), "");
            }
            long holdingsNow = at(Holdings.NAME, now);
            AsOf then = request.compareTo().orElse(new AsOf.Version(Math.max(0, holdingsNow - 1)));
            long holdingsThen = at(Holdings.NAME, then);
            return new Pins(marketFor(now, holdingsNow), holdingsNow, holdingsThen, marketFor(then, holdingsThen),
                    now.toString(), then.toString());
        }

        /**
         * The {@code market_data} version that was current when the holdings side was: the latest
         * for latest, and otherwise the one current at that moment (the timestamp asked for, or
         * the commit time of the holdings version).
         */
        private long marketFor(AsOf asOf, long holdingsVersion) {
            return switch (asOf) {
                case AsOf.Latest l -> at(MarketData.NAME, AsOf.LATEST);
                case AsOf.Timestamp t -> versionAt(t.instant(), Holdings.NAME + " as of " + t.instant());
                case AsOf.Version v -> {
                    long millis = engine.snapshot(Holdings.NAME, new AsOf.Version(holdingsVersion)).getTimestamp(engine.kernel());
                    yield marketAtCommit.computeIfAbsent(holdingsVersion + "@" + millis, k ->
                            versionAt(Instant.ofEpochMilli(millis), "version " + holdingsVersion + " of " + Holdings.NAME));
                }
            };
        }

        /**
         * The last {@code market_data} version committed at or before {@code when}. Delta refuses
         * a timestamp after a table's last commit; here that simply means the latest version.
         */
        private long versionAt(Instant when, String side) {
            var last = engine.snapshot(MarketData.NAME, AsOf.LATEST);
            if (when.toEpochMilli() >= last.getTimestamp(engine.kernel())) {
                return last.getVersion();
            }
            try {
                return engine.resolveVersion(MarketData.NAME, new AsOf.Timestamp(when));
            } catch (LakeLensException e) {
                throw new LakeLensException(MarketData.NAME + " has no version as old as " + side + " (" + when
                        + ") to value it with; compare with a later point.", e);
            }
        }
    }
}
