package io.lakelens.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRedisTest {
    @TempDir
    Path lake;

    private static CacheSettings idle(Duration d) {
        CacheSettings s = CacheSettings.defaults();
        return new CacheSettings(s.commandTimeout(), s.connectTimeout(), s.reconnectMaxDelay(), Map.of(), 32, d);
    }

    @Test
    void aSecondProcessReusesTheRecordedRedisUntilItIsStopped() {
        try {
            SharedRedis.Endpoint first = SharedRedis.obtain(lake, idle(Duration.ofMinutes(5)));
            assertFalse(first.reused());
            SharedRedis.Endpoint second = SharedRedis.obtain(lake, idle(Duration.ofMinutes(5)));
            assertTrue(second.reused());
            assertEquals(first.port(), second.port());
            assertEquals(first.redisPid(), second.redisPid());
            assertTrue(SharedRedis.find(lake).isPresent());
        } finally {
            assertTrue(SharedRedis.stop(lake));
        }
        assertTrue(SharedRedis.find(lake).isEmpty());
        assertFalse(Files.exists(lake.resolve(".lakelens").resolve("redis.json")));
    }

    @Test
    void theKeeperStopsAnIdleRedisByItself() throws Exception {
        SharedRedis.Endpoint e = SharedRedis.obtain(lake, idle(Duration.ofSeconds(1)));
        ProcessHandle keeper = ProcessHandle.of(e.keeperPid()).orElseThrow();
        for (int i = 0; i < 600 && keeper.isAlive(); i++) {
            Thread.sleep(50);
        }
        assertFalse(keeper.isAlive());
        assertTrue(SharedRedis.find(lake).isEmpty());
        assertFalse(ProcessHandle.of(e.redisPid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aRecordWhoseRedisIsGoneIsReplaced() throws Exception {
        Path dir = lake.resolve(".lakelens");
        Files.createDirectories(dir);
        SharedRedis.write(dir.resolve("redis.json"), new SharedRedis.Endpoint(EmbeddedRedis.freePort(), "stale", 999_999_999L,
                999_999_999L, "6.2", java.time.Instant.now(), true), Duration.ofMinutes(1));
        assertTrue(SharedRedis.find(lake).isEmpty());
        try {
            SharedRedis.Endpoint fresh = SharedRedis.obtain(lake, idle(Duration.ofMinutes(5)));
            assertFalse(fresh.reused());
            assertFalse(fresh.password().equals("stale"));
        } finally {
            SharedRedis.stop(lake);
        }
    }
}
