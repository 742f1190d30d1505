package io.lakelens.ui.kit;

import io.lakelens.LakeLensException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
