package io.lakelens.search;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.Fallback;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.event.ExecutionAttemptedEvent;
import dev.failsafe.function.CheckedFunction;
import io.lakelens.LakeLensException;
import io.lakelens.lake.Errors;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Orange: Delta guarded by a circuit breaker and a timeout, composed as
 * Fallback(CircuitBreaker(Timeout(read))). A failed or slow read counts against the breaker;
 * once it opens, Delta is not tried until its delay has passed, and then one trial read decides.
 * Whenever Delta fails or is skipped, the answer is the newest cached answer to the same
 * request, whatever version it was read at, marked as a fallback with that version. When there
 * is none, a slow read is awaited and an open breaker lets the read through, since waiting is the
 * only way to an answer (the reason says so); only a read that fails is an error then. Input
 * errors (a version past the latest, a filter on a missing column) are the analyst's and never
 * count. A read that finishes after the timeout, before its timer fires, counts as timed out too.
 * The breaker and timeout are built once and shared by all searches.
 */
final class CircuitBreakerStrategy implements Strategy {
    private final SearchCore core;
    private final CircuitBreaker<Outcome> breaker;
    private final Timeout<Outcome> timeout;

    /**
     * What the guarded read produced: a fresh page, a fallback with the reason Delta was not used,
     * or a page Delta gave although the breaker or the timeout objected ({@code why} says which).
     */
    private record Outcome(Page page, boolean fallback, String why) {
    }

    CircuitBreakerStrategy(SearchCore core, SearchMetrics metrics) {
        this.core = core;
        SearchSettings s = core.settings;
        this.breaker = CircuitBreaker.<Outcome>builder()
                .handleIf(CircuitBreakerStrategy::countsAgainstDelta)
                .withFailureThreshold(s.breakerFailures(), s.breakerWindow())
                .withDelay(s.breakerDelay())
                .withSuccessThreshold(s.breakerSuccesses())
                .onOpen(e -> metrics.breakerChanged(BreakerState.OPEN))
                .onHalfOpen(e -> metrics.breakerChanged(BreakerState.HALF_OPEN))
                .onClose(e -> metrics.breakerChanged(BreakerState.CLOSED))
                .build();
        this.timeout = Timeout.<Outcome>builder(s.deltaTimeout()).build();
    }

    private static boolean countsAgainstDelta(Throwable e) {
        return !(e instanceof SearchInputException);
    }

    @Override
    public StrategyKind kind() {
        return StrategyKind.CIRCUIT_BREAKER;
    }

    BreakerState state() {
        return switch (breaker.getState()) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
        };
    }

    @Override
    public Answer search(SearchRequest request, long startNanos) {
        // the guarded read's page, also when it ends after the timeout: awaited when nothing is cached
        // (a read the timeout cancelled before it began never completes it: null then)
        AtomicReference<CompletableFuture<Page>> read = new AtomicReference<>();
        CheckedFunction<ExecutionAttemptedEvent<? extends Outcome>, CompletionStage<Outcome>> onFailure =
                event -> fallbackFor(request, event.getLastException(), read.get());
        Fallback<Outcome> fallback = Fallback.<Outcome>builderOfStage(onFailure)
                .handleIf(CircuitBreakerStrategy::countsAgainstDelta)
                .build();
        Outcome o = SearchCore.join(Failsafe.with(fallback, breaker, timeout).with(core.deltaExecutor).getAsync(() -> {
            long t0 = System.nanoTime();
            CompletableFuture<Page> mine = new CompletableFuture<>();
            read.set(mine);
            Page p;
            try {
                p = readAndStore(request);
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            }
            mine.complete(p);
            if (System.nanoTime() - t0 > core.settings.deltaTimeout().toNanos()) {
                // finished before the timer fired, but still too slow: counts the same as a timeout
                throw new TimeoutExceededException(timeout);
            }
            return new Outcome(p, false, null);
        }));
        Page p = o.page();
        if (o.fallback()) {
            return new Answer(Strategy.result(p, kind(), SearchResult.Source.CACHE, true, true,
                    o.why() + "; showing the cached answer from version " + p.version(), startNanos), true, 0);
        }
        String objection = o.why() == null ? "" : "; " + o.why();
        return new Answer(Strategy.result(p, kind(), SearchResult.Source.DELTA, false, false,
                "breaker " + state().label() + ": read Delta (" + p.routeDetail() + ")" + objection, startNanos), false, 0);
    }

    private Page readAndStore(SearchRequest request) {
        SearchCore.Resolved v = core.resolve(request);
        Page p = core.read(request, v);
        core.store(request, v, p);
        return p;
    }

    /**
     * The newest cached answer; without one, Delta's own answer: the timed-out read's (a new read
     * when it never began), or a read past the open breaker. Only a failed read is an error then.
     */
    private CompletionStage<Outcome> fallbackFor(SearchRequest request, Throwable failure, CompletableFuture<Page> read) {
        String why = why(failure);
        Optional<Page> cached = core.lastCached(request);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(new Outcome(cached.get(), true, why));
        }
        CompletableFuture<Page> answer;
        if (failure instanceof TimeoutExceededException && read != null) {
            answer = read;
        } else if (failure instanceof TimeoutExceededException || failure instanceof CircuitBreakerOpenException) {
            answer = CompletableFuture.supplyAsync(() -> readAndStore(request), core.deltaExecutor);
        } else {
            return CompletableFuture.failedFuture(
                    new LakeLensException(why + ", and no cached answer to this search exists to fall back on.", failure));
        }
        return answer.handle((page, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof SearchInputException input) {
                    throw input;
                }
                String msg = cause instanceof LakeLensException le ? le.getMessage() : Errors.rootMessage(cause);
                throw new LakeLensException(why + ", no cached answer to this search exists to fall back on, and reading Delta "
                        + "failed (" + Errors.abbreviate(msg) + ").", cause);
            }
            return new Outcome(page, false, why + ", and no cached answer existed, so Delta's was awaited");
        });
    }

    private String why(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return "breaker open after repeated Delta failures (next trial in "
                    + Math.max(1, breaker.getRemainingDelay().toSeconds()) + " s)";
        }
        if (failure instanceof TimeoutExceededException) {
            return "Delta took longer than " + core.settings.deltaTimeout().toMillis() + " ms";
        }
        String msg = failure instanceof LakeLensException le ? le.getMessage() : Errors.rootMessage(failure);
        return "Delta failed (" + Errors.abbreviate(msg) + ")";
    }
}
