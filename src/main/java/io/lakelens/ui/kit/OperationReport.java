package io.lakelens.ui.kit;

import io.lakelens.search.StrategyKind;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What a finished operation tells the status bar. Built with {@link #of(String)} and the
 * {@code with*} copies; absent parts leave the status bar's field empty.
 */
public record OperationReport(String operation, OptionalDouble latencyMs, Optional<StrategyKind> strategy,
                              Optional<Boolean> cacheHit, OptionalLong version) {

    public static OperationReport of(String operation) {
        return new OperationReport(operation, OptionalDouble.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty());
    }

    public OperationReport withLatency(double ms) {
        return new OperationReport(operation, OptionalDouble.of(ms), strategy, cacheHit, version);
    }

    public OperationReport withStrategy(StrategyKind s) {
        return new OperationReport(operation, latencyMs, Optional.ofNullable(s), cacheHit, version);
    }

    public OperationReport withCacheHit(boolean hit) {
        return new OperationReport(operation, latencyMs, strategy, Optional.of(hit), version);
    }

    public OperationReport withVersion(long v) {
        return new OperationReport(operation, latencyMs, strategy, cacheHit, OptionalLong.of(v));
    }
}
