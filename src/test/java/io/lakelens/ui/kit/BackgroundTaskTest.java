package io.lakelens.ui.kit;

import io.lakelens.LakeLensException;
import io.lakelens.ViewModelTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ViewModelTest
@Timeout(300)
class BackgroundTaskTest {
    private final CurrentThreadTaskExecutor tasks = new CurrentThreadTaskExecutor();

    @Test
    void callbacksRunInOrderAndTheResultArrives() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.wrap(() -> 42)
                .onRunning(() -> seen.add("running"))
                .onSuccess(v -> seen.add("success " + v))
                .onFinished(() -> seen.add("finished"))
                .executeWith(tasks);
        assertEquals(List.of("running", "success 42", "finished"), seen);
    }

    @Test
    void aFailedStageReachesTheHandlerAsItsOneLineCause() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.fromStage(() -> CompletableFuture.<Integer>failedFuture(
                        new LakeLensException("No table 'x' in /lake; `lakelens tables` lists the tables.")))
                .onSuccess(v -> seen.add("success"))
                .onFailure(e -> seen.add(UiErrors.message(e)))
                .executeWith(tasks);
        assertEquals(List.of("No table 'x' in /lake; `lakelens tables` lists the tables."), seen);
    }

    @Test
    void aFailureWithoutHandlerGoesToTheDefaultHandler() {
        BackgroundTask.wrap(() -> {
            throw new IllegalStateException("boom\n\tat somewhere");
        }).executeWith(tasks);
        assertEquals(1, tasks.failures().size());
        assertEquals("Unexpected error: boom", UiErrors.message(tasks.failures().get(0)));
    }

    @Test
    void aCancelledTaskNeverReportsSuccess() {
        List<String> seen = new ArrayList<>();
        RunningTask handle = BackgroundTask.withProgress(ctx -> {
                    ((RunningTask) ctx).cancel();
                    return "late";
                })
                .withTitle("Generating")
                .onSuccess(v -> seen.add("success"))
                .onCancelled(() -> seen.add("cancelled"))
                .onFinished(() -> seen.add("finished"))
                .executeWith(tasks);
        assertEquals(List.of("cancelled", "finished"), seen);
        assertTrue(handle.isCancelled());
        assertTrue(tasks.running().isEmpty(), "a cancelled task leaves the background-work list");
    }

    @Test
    void titledTasksReportProgressWhileTheyRun() {
        List<Double> progress = new ArrayList<>();
        List<Integer> listed = new ArrayList<>();
        BackgroundTask.withProgress(ctx -> {
                    listed.add(tasks.running().size());
                    ctx.progress(0.5, "half");
                    return null;
                })
                .withTitle("Generating")
                .onProgress((f, step) -> progress.add(f))
                .executeWith(tasks);
        assertEquals(List.of(1), listed);
        assertEquals(List.of(0.5), progress);
        assertTrue(tasks.running().isEmpty());
    }

    @Test
    void workAskedOfAClosedWindowsExecutorIsDroppedNotThrown() {
        UiTaskExecutor closed = new UiTaskExecutor(tasks.failures()::add);
        closed.close();
        List<String> seen = new ArrayList<>();
        BackgroundTask.wrap(() -> seen.add("ran")).executeWith(closed);
        assertTrue(seen.isEmpty(), "nothing runs after close");
        assertTrue(tasks.failures().isEmpty(), "and nothing fails");
    }

    @Test
    void periodicWorkRunsOnEachTickUntilCancelled() {
        AtomicInteger ticks = new AtomicInteger();
        RunningTask clock = tasks.every(Duration.ofSeconds(1), ticks::incrementAndGet);
        tasks.tick();
        tasks.tick();
        assertEquals(2, ticks.get());
        clock.cancel();
        tasks.tick();
        assertEquals(2, ticks.get(), "a cancelled clock does not tick");
        assertTrue(tasks.running().isEmpty(), "ticks are not listed as running work");
    }

    @Test
    void theWindowsClockTicksOnItsWorkersAndSkipsATickWhileThePreviousStillRuns() throws Exception {
        UiTaskExecutor window = new UiTaskExecutor(tasks.failures()::add);
        try {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger slowTicks = new AtomicInteger();
            List<String> threads = new CopyOnWriteArrayList<>();
            RunningTask slow = window.every(Duration.ofMillis(10), () -> {
                threads.add(Thread.currentThread().getName());
                slowTicks.incrementAndGet();
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(entered.await(30, TimeUnit.SECONDS));
            // Another clock of the same period ticks five times meanwhile: the slow one's periods passed too.
            CountDownLatch five = new CountDownLatch(5);
            RunningTask other = window.every(Duration.ofMillis(10), five::countDown);
            assertTrue(five.await(30, TimeUnit.SECONDS));
            assertEquals(1, slowTicks.get(), "no second tick while the first still runs");
            release.countDown();
            slow.cancel();
            other.cancel();
            assertTrue(threads.getFirst().startsWith("lakelens-ui-worker-"), threads.toString());
        } finally {
            window.close();
        }
    }

    @Test
    void tasksWaitingOnTheirStagesHoldNoWorkerOfTheWindow() throws Exception {
        UiTaskExecutor window = new UiTaskExecutor(tasks.failures()::add);
        try {
            // twice as many stages as the window has workers, none of which completes
            CountDownLatch started = new CountDownLatch(8);
            for (int i = 0; i < 8; i++) {
                BackgroundTask.fromStage(() -> {
                    started.countDown();
                    return new CompletableFuture<Integer>();
                }).executeWith(window);
            }
            assertTrue(started.await(30, TimeUnit.SECONDS), "every stage was started");
            CountDownLatch ran = new CountDownLatch(1);
            BackgroundTask.wrap(ran::countDown).executeWith(window);
            assertTrue(ran.await(30, TimeUnit.SECONDS), "other work runs while the stages wait");
        } finally {
            window.close();
        }
    }

    @Test
    void aCancelledClockOfTheWindowStopsTicking() throws Exception {
        UiTaskExecutor window = new UiTaskExecutor(tasks.failures()::add);
        try {
            AtomicInteger ticks = new AtomicInteger();
            CountDownLatch three = new CountDownLatch(3);
            RunningTask clock = window.every(Duration.ofMillis(10), () -> {
                ticks.incrementAndGet();
                three.countDown();
            });
            assertTrue(three.await(30, TimeUnit.SECONDS));
            clock.cancel();
            int atCancel = ticks.get();
            // A clock started after the cancel ticks three times; the cancelled one would have too.
            CountDownLatch after = new CountDownLatch(3);
            window.every(Duration.ofMillis(10), after::countDown);
            assertTrue(after.await(30, TimeUnit.SECONDS));
            assertTrue(ticks.get() <= atCancel + 1, "at most the tick already under way: " + atCancel + " → " + ticks.get());
        } finally {
            window.close();
        }
    }
}
