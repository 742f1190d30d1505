package io.lakelens.cache;

import io.lakelens.reliability.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detached keeper of a lake's shared Redis, run as its own process: it records what it
 * started, serves it, and stops it (removing its record) when Redis dies or when another
 * keeper's record replaces its own. (Stopping when idle: {@link SharedRedisTest}.)
 */
class RedisKeeperTest {
    @TempDir
    Path lake;

    /** Started as SharedRedis starts it: given the lake's state folder, which exists, the keeper writes its record there. */
    ChildJvm keeper(long idleSeconds) throws IOException {
        Path state = Files.createDirectories(SharedRedis.dir(lake));
        return ChildJvm.start("keeper", RedisKeeper.class.getName(), List.of(state.toString(), Long.toString(idleSeconds), "16"),
                List.of("-Xmx64m"), Map.of(), lake.resolve("logs"));
    }

    SharedRedis.Endpoint recorded(ChildJvm k) {
        k.await(l -> l.contains("started Redis"), Duration.ofMinutes(2));
        return SharedRedis.read(SharedRedis.dir(lake).resolve(SharedRedis.RECORD)).orElseThrow();
    }

    @Test
    void theKeeperRecordsARedisThatWantsItsPasswordAndStopsWhenItsRecordIsReplaced() throws IOException {
        ChildJvm k = keeper(600);
        try {
            SharedRedis.Endpoint e = recorded(k);
            assertEquals(k.pid(), e.keeperPid());
            assertTrue(ProcessHandle.of(e.redisPid()).map(ProcessHandle::isAlive).orElse(false));
            try (RespClient c = RespClient.open("127.0.0.1", e.port(), e.password(), 5_000)) {
                assertEquals("PONG", c.call("PING"));
            }
            assertTrue(SharedRedis.find(lake).isPresent(), "the record's Redis answers its password");

            // another keeper took over the lake: this one must stop its Redis and leave that record alone
            Path record = SharedRedis.dir(lake).resolve(SharedRedis.RECORD);
            SharedRedis.Endpoint other = new SharedRedis.Endpoint(e.port() + 1, "someone-else", 999_999_998L, 999_999_999L,
                    e.version(), java.time.Instant.now(), false);
            SharedRedis.write(record, other, Duration.ofMinutes(1));
            assertEquals(0, k.waitFor(Duration.ofMinutes(2)), k.lines() + " " + k.tail());
            assertTrue(k.lines().stream().anyMatch(l -> l.contains("record replaced or removed; stopping")), k.lines().toString());
            assertFalse(ProcessHandle.of(e.redisPid()).map(ProcessHandle::isAlive).orElse(false), "its Redis stopped with it");
            assertEquals(Optional.of(other.keeperPid()), SharedRedis.read(record).map(SharedRedis.Endpoint::keeperPid),
                    "the other keeper's record is left in place");
        } finally {
            k.kill();
        }
    }

    @Test
    void whenItsRedisDiesTheKeeperStopsAndRemovesItsRecord() throws IOException {
        ChildJvm k = keeper(600);
        try {
            SharedRedis.Endpoint e = recorded(k);
            ProcessHandle.of(e.redisPid()).orElseThrow().destroyForcibly();
            assertEquals(0, k.waitFor(Duration.ofMinutes(2)), k.lines() + " " + k.tail());
            assertTrue(k.lines().stream().anyMatch(l -> l.contains("Redis exited; stopping") || l.contains("lost Redis")),
                    k.lines().toString());
            assertFalse(Files.exists(SharedRedis.dir(lake).resolve(SharedRedis.RECORD)), "no record of a dead Redis is left");
            assertTrue(SharedRedis.find(lake).isEmpty());
        } finally {
            k.kill();
        }
    }
}
