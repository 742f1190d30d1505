package io.lakelens.ui.performance;

import io.lakelens.cache.CacheConnection;
import io.lakelens.cache.CacheKey;
import io.lakelens.cache.CacheSettings;
import io.lakelens.cache.CacheStatus;
import io.lakelens.cache.EmbeddedRedis;
import io.lakelens.cache.RedisCache;
import io.lakelens.cache.TtlClass;
import io.lakelens.ui.kit.CurrentThreadTaskExecutor;
import io.lakelens.ui.kit.Notifier;
import io.lakelens.ui.shell.Toolkits;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Cache panel bound to its model, on the headless toolkit, with a real embedded Redis and without one. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CachePanelViewTest {

    @Test
    void showsTheRedisVersionAndTheKeysOfEachTable() throws Exception {
        CacheSettings d = CacheSettings.defaults();
        CacheSettings patient = new CacheSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), d.reconnectMaxDelay(), d.ttls(),
                d.embeddedMaxMemoryMb(), d.sharedIdle());
        try (EmbeddedRedis redis = EmbeddedRedis.start(64);
             RedisCache cache = new RedisCache(CacheConnection.connect(redis.url(), CacheStatus.EMBEDDED, "test Redis", null, patient),
                     patient)) {
            for (int i = 0; i < 3; i++) {
                cache.put(new CacheKey("view_table", 1, TtlClass.QUERIES, "f" + i), new byte[]{1}).get(30, TimeUnit.SECONDS);
            }
            Toolkits.headless();
            Toolkits.start();
            CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();
            try (CacheViewModel model = new CacheViewModel(() -> cache, null, tasks, new Notifier(Runnable::run))) {
                CachePanel panel = Toolkits.onFx(() -> {
                    CachePanel p = new CachePanel(model);
                    new Scene(p, 1100, 800);
                    return p;
                });
                // the model publishes inline on this thread: read it into the view on the FX thread
                Toolkits.onFx(() -> {
                    model.refresh();
                    return null;
                });
                List<Object> shown = Toolkits.onFx(() -> {
                    panel.applyCss();
                    panel.layout();
                    Label version = (Label) panel.lookup("#cacheFact-redis-version");
                    TableView<?> tables = (TableView<?>) panel.lookup("#cacheKeysByTable");
                    Node off = panel.lookup("#cacheOff");
                    return List.of(version.getText(), tables.getItems().toString(), off.isVisible());
                });
                assertTrue(((String) shown.get(0)).matches("\\d+\\.\\d+\\.\\d+"), shown.toString());
                assertTrue(((String) shown.get(1)).contains("TableKeys[table=view_table, keys=3]"), shown.toString());
                assertFalse((Boolean) shown.get(2));
            }
        }
    }

    @Test
    void withoutRedisItSaysTheCacheIsOffInsteadOfFigures() throws Exception {
        Toolkits.headless();
        Toolkits.start();
        try (RedisCache none = new RedisCache(CacheConnection.none("no Redis configured", Optional.empty()), CacheSettings.defaults());
             CacheViewModel model = new CacheViewModel(() -> none, null, new CurrentThreadTaskExecutor(), new Notifier(Runnable::run))) {
            List<Object> shown = Toolkits.onFx(() -> {
                CachePanel p = new CachePanel(model);
                new Scene(p, 1100, 800);
                model.refresh();
                p.applyCss();
                p.layout();
                Label off = (Label) p.lookup("#cacheOff");
                return List.of(off.isVisible(), off.getText(), p.lookup("#cacheFacts").getParent().getParent().isVisible());
            });
            assertEquals(true, shown.get(0));
            assertTrue(((String) shown.get(1)).contains("The cache is off") && ((String) shown.get(1)).contains("no Redis configured"),
                    shown.toString());
            assertEquals(false, shown.get(2), "the figures are hidden while the cache is off");
        }
    }
}
