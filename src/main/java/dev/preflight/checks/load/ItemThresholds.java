package dev.preflight.checks.load;

import java.util.Optional;

import dev.preflight.check.Param;
import dev.preflight.check.Params;
import dev.preflight.load.Threshold;

/** The load thresholds an item's words carry: "API response time < 200ms (p95)", "Error rate < 0.1%". */
final class ItemThresholds {
    private ItemThresholds() {
    }

    /** The latency bound of the item, at p95 when its words name no percentile. */
    static Optional<Threshold> latency(Params params) {
        return params.duration(Param.LATENCY).map(bound -> new Threshold.Latency(
                params.text(Param.PERCENTILE).map(p -> Double.parseDouble(p.substring(1))).orElse(Threshold.DEFAULT_PERCENTILE), bound, false));
    }

    /** The item's error-rate ceiling, as a fraction. */
    static Optional<Threshold.ErrorRate> errorRate(Params params) {
        return params.percent(Param.PERCENT_BELOW).map(percent -> new Threshold.ErrorRate(percent / 100, false));
    }
}
