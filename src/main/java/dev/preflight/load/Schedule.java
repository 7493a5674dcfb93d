package dev.preflight.load;

import java.time.Duration;

/**
 * When the open model's requests are due: {@code perSecond} a second, reached by a linear climb from
 * none over {@code ramp}. Over the climb the count of requests due by time t is r·t²/(2·ramp), so the
 * i-th falls at √(2·ramp·i/r); after it, one every 1/r seconds.
 */
record Schedule(double perSecond, Duration ramp) {

    /** Nanoseconds after the run's start at which request {@code i} (from 0) is due. */
    long dueNanos(long i) {
        double rampSeconds = ramp.toNanos() / 1e9;
        double inRamp = perSecond * rampSeconds / 2;
        double seconds = i < inRamp ? Math.sqrt(2 * rampSeconds * i / perSecond) : rampSeconds + (i - inRamp) / perSecond;
        return (long) (seconds * 1e9);
    }

    /** How many requests fall due strictly before {@code nanos}. */
    long requestsBefore(long nanos) {
        double rampSeconds = ramp.toNanos() / 1e9;
        double t = nanos / 1e9;
        double due = t < rampSeconds ? perSecond * t * t / (2 * rampSeconds) : perSecond * (t - rampSeconds / 2);
        long n = (long) Math.ceil(due);
        while (n > 0 && dueNanos(n - 1) >= nanos) {
            n--;
        }
        while (dueNanos(n) < nanos) {
            n++;
        }
        return n;
    }
}
