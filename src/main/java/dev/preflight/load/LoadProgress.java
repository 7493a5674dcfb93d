package dev.preflight.load;

import java.time.Duration;

/**
 * How a run is going, told once a second: time gone and planned, whether it is still warming up, the
 * measured requests and errors so far, the rate over the last second and the p95 of all so far.
 */
public record LoadProgress(Duration elapsed, Duration planned, boolean warmingUp, long sent, long errors, double perSecond,
                           Duration p95) {

    /** "12/30 s, 48 req/s, p95 18.20 ms, 0 errors (0.00%)". */
    public String line() {
        String phase = warmingUp ? "warming up, " : "";
        return String.format(java.util.Locale.ROOT, "%s%d/%d s, %.0f req/s, %d sent, p95 %s, %d errors (%.2f%%)", phase,
                elapsed.toSeconds(), planned.toSeconds(), perSecond, sent, LoadResult.millis(p95), errors,
                sent == 0 ? 0.0 : 100.0 * errors / sent);
    }
}
