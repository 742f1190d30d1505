package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.cache.Cache;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.TtlClass;

import java.util.ArrayList;
import java.util.List;

/** Further health rows (cache, …) contributed by the services that exist in this build. */
final class HealthChecks {
    private HealthChecks() {
    }

    /** Each row: component, status, detail. */
    static List<String[]> extra(AppContext ctx) {
        List<String[]> rows = new ArrayList<>();
        rows.add(cache(ctx));
        return rows;
    }

    /** The cache row: its status (external, embedded, down, none), what it is, and a round trip. */
    static String[] cache(AppContext ctx) {
        Cache cache = ctx.cache();
        CacheStatus status = cache.status();
        String detail = cache.description();
        if (status.isUp()) {
            long t0 = System.nanoTime();
            CacheKey probe = new CacheKey("health", 0, TtlClass.REALTIME, "probe");
            boolean ok = cache.put(probe, new byte[]{1}).join() && cache.get(probe).join().isPresent();
            detail += String.format(java.util.Locale.ROOT, ok ? ", set+get %.1f ms" : ", does not answer", (System.nanoTime() - t0) / 1e6);
            if (!ok) {
                status = CacheStatus.DOWN;
            }
        }
        return new String[]{"cache", status.label(), detail};
    }
}
