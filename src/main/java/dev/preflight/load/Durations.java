package dev.preflight.load;

import java.time.Duration;

/** Durations written the way thresholds and items write them: "200ms", "1s", "1.5s". */
final class Durations {
    private Durations() {
    }

    static String text(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000 + "us";
    }
}
