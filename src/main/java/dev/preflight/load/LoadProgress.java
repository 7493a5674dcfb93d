package dev.preflight.load;

import java.time.Duration;

/**
 * How a run is going, told once a second and once more as it ends: time gone and planned, whether it is
 * still warming up, the measured requests and errors so far, the rate over the last second and the p95
 * of all so far.
 */
public record LoadProgress(Duration elapsed, Duration planned, boolean warmingUp, long sent, long errors, double perSecond,
                           Duration p95, boolean ended) {

    /** Progress told while the run goes on. */
    public LoadProgress(Duration elapsed, Duration planned, boolean warmingUp, long sent, long errors, double perSecond, Duration p95) {
        this(elapsed, planned, warmingUp, sent, errors, perSecond, p95, false);
    }

    /**
     * "12/30 s, 48 req/s, 240 sent, p95 18.20 ms, 0 errors (0.00%)"; once ended, "ended at 30/30 s, ..." without
     * the rate, which over the last moment of a run says little.
     */
    public String line() {
        String errorShare = String.format(java.util.Locale.ROOT, "%d errors (%.2f%%)", errors, sent == 0 ? 0.0 : 100.0 * errors / sent);
        if (ended) {
            return String.format(java.util.Locale.ROOT, "ended at %d/%d s, %d sent, p95 %s, %s", elapsed.toSeconds(), planned.toSeconds(), sent,
                    LoadResult.millis(p95), errorShare);
        }
        String phase = warmingUp ? "warming up, " : "";
        return String.format(java.util.Locale.ROOT, "%s%d/%d s, %.0f req/s, %d sent, p95 %s, %s", phase, elapsed.toSeconds(),
                planned.toSeconds(), perSecond, sent, LoadResult.millis(p95), errorShare);
    }
}
