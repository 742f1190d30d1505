package io.lakelens.lake.maintenance;

import io.lakelens.LakeLensException;
import io.lakelens.TestLakes;
import io.lakelens.lake.LakeEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactionSchedulerTest {
    @TempDir
    static Path lake;
    static LakeEngine engine;

    @BeforeAll
    static void tables() {
        engine = TestLakes.engine(lake);
        SmallTables.appends(engine, "busy", 2, 20, 3, false);
        SmallTables.appends(engine, "due", 2, 20, 3, false);
        SmallTables.appends(engine, "calm", 1, 20, 1, false);
    }

    static CompactionScheduler scheduler(Instant now) {
        return new CompactionScheduler(engine, new PolicyStore(lake), Clock.fixed(now, ZoneOffset.UTC), Duration.ofHours(1));
    }

    @Test
    void twoJobsNeverRunOnOneTableAtOnce() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Another writer holds the table: the first job queues behind it, still counted as running.
        Thread writer = new Thread(() -> engine.write("busy", "long write", s -> {
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        writer.start();
        assertTrue(holding.await(60, TimeUnit.SECONDS));
        try (CompactionScheduler s = scheduler(Instant.now())) {
            CompletableFuture<CompactionRun> first = s.runNow("busy", true);
            CompactionRun second = s.runNow("busy", true).get(10, TimeUnit.SECONDS);
            assertEquals(CompactionRun.Outcome.OVERLAP, second.outcome());
            assertTrue(second.message().contains("already") || second.message().contains("running since"), second.message());
            assertTrue(s.isRunning("busy"));
            assertFalse(first.isDone());
            release.countDown();
            CompactionRun done = first.get(300, TimeUnit.SECONDS);
            assertEquals(CompactionRun.Outcome.COMPACTED, done.outcome(), done.message());
            assertEquals(6, done.filesBefore());
            assertEquals(1, done.filesAfter());
            assertFalse(s.isRunning("busy"));
            assertEquals(done, s.runs().get(0));
            assertEquals(second, s.runs().get(1));
        } finally {
            release.countDown();
            writer.join();
        }
    }

    @Test
    void dueTablesAreCompactedAndHealthyOnesOnlyChecked() throws Exception {
        Instant now = Instant.parse("2026-01-05T12:00:00Z");
        try (CompactionScheduler s = scheduler(now)) {
            s.setPolicy(CompactionPolicy.of("due", 0.5, 0, 15));
            s.setPolicy(CompactionPolicy.of("calm", 0, 5, 15));
            List<CompletableFuture<CompactionRun>> queued = s.tick();
            assertEquals(2, queued.size());
            for (var f : queued) {
                CompactionRun r = f.get(300, TimeUnit.SECONDS);
                if (r.table().equals("due")) {
                    assertEquals(CompactionRun.Outcome.COMPACTED, r.outcome(), r.message());
                    assertEquals("compaction policy (schedule): small-file ratio 1.00 ≥ 0.50", engine.history("due", 1).get(0).reason());
                } else {
                    assertEquals(CompactionRun.Outcome.HEALTHY, r.outcome(), r.message());
                }
            }
            assertTrue(s.tick().isEmpty(), "not due again within 15 minutes");
        }
    }

    @Test
    void policiesAndRunsSurviveARestart() throws Exception {
        try (CompactionScheduler s = scheduler(Instant.now())) {
            s.setPolicy(CompactionPolicy.of("calm", 0.25, 100, 30).withWindow("22:00-06:00"));
            s.runNow("calm", false).get(300, TimeUnit.SECONDS);
        }
        try (CompactionScheduler again = scheduler(Instant.now())) {
            CompactionPolicy p = again.policies().stream().filter(x -> x.table().equals("calm")).findFirst().orElseThrow();
            assertEquals(0.25, p.smallFileRatio());
            assertEquals(100, p.maxFiles());
            assertEquals("22:00-06:00", p.window());
            assertTrue(again.runs().stream().anyMatch(r -> r.table().equals("calm") && r.trigger().equals("manual")));
        }
    }

    @Test
    void policiesOutsideTheirWindowAreNotChecked() {
        CompactionPolicy night = CompactionPolicy.of("calm", 0.5, 0, 5).withWindow("22:00-06:00");
        assertTrue(night.inWindow(LocalTime.of(23, 30)));
        assertTrue(night.inWindow(LocalTime.of(5, 59)));
        assertFalse(night.inWindow(LocalTime.of(12, 0)));
        try (CompactionScheduler s = scheduler(Instant.parse("2026-01-05T12:00:00Z"))) {
            s.setPolicy(night);
            assertTrue(s.tick().stream().noneMatch(f -> f.join().table().equals("calm")));
        }
    }

    @Test
    void badPoliciesAreRefused() {
        assertThrows(LakeLensException.class, () -> CompactionPolicy.of("t", 1.5, 0, 5));
        assertThrows(LakeLensException.class, () -> CompactionPolicy.of("t", 0, 0, 5));
        assertThrows(LakeLensException.class, () -> CompactionPolicy.of("t", 0.5, 0, 0));
        assertThrows(LakeLensException.class, () -> CompactionPolicy.of("t", 0.5, 0, 5).withWindow("late"));
        try (CompactionScheduler s = scheduler(Instant.now())) {
            assertThrows(LakeLensException.class, () -> s.setPolicy(CompactionPolicy.of("missing", 0.5, 0, 5)));
        }
    }
}
