package dev.preflight.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured. Latencies are in microseconds: for the open model from each request's
 * intended start, for the closed model from its actual start. Requests that had not started when the
 * run ended ({@code unsent}, open model only: they waited for a connection behind a slow server) are in
 * the histogram with the time they had waited, a lower bound of their latency, since leaving them out
 * is exactly the omission the open model exists to avoid.
 */
public record LoadResult(LoadSpec spec, Histogram latency, long sent, Map<ErrorKind, Long> errors, long unsent,
                         Duration elapsed, Duration cpu, int connections, long lateStarts, Duration maxLateness,
                         String stoppedBy) {
    /** The percentiles a report shows. */
    public static final List<Double> REPORTED = List.of(50.0, 90.0, 95.0, 99.0, 99.9, 100.0);
    /** The share of scheduled requests the generator may start late before its figures stop being the server's. */
    public static final double LATE_SHARE_ALLOWED = 0.01;

    public LoadResult {
        EnumMap<ErrorKind, Long> copy = new EnumMap<>(ErrorKind.class);
        copy.putAll(errors);
        errors = Collections.unmodifiableMap(copy);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Errors over requests sent; a request never sent is neither. */
    public double errorRate() {
        return sent == 0 ? 0 : (double) errorCount() / sent;
    }

    /** Requests sent per second of the run. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : sent / seconds;
    }

    /** The latency at {@code percentile} (0–100; 100 is the maximum). */
    public Duration percentile(double percentile) {
        long micros = percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile);
        return Duration.ofNanos(micros * 1_000);
    }

    /**
     * Whether the generator, not the server, limited the run: it started more than
     * {@link #LATE_SHARE_ALLOWED} of its scheduled requests late. Such figures are no verdict on the server.
     */
    public boolean saturated() {
        long scheduled = sent + unsent;
        return scheduled > 0 && (double) lateStarts / scheduled > LATE_SHARE_ALLOWED;
    }

    /** The figures as evidence lines: what ran, latency percentiles, throughput, errors by kind, the generator's own load. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(spec.describe() + "; ran " + millis(elapsed) + ", stopped by " + stoppedBy);
        StringBuilder p = new StringBuilder("latency");
        for (double q : REPORTED) {
            p.append(q >= 100 ? " max " : " p" + label(q) + " ").append(millis(percentile(q)));
        }
        out.add(p + " (" + latency.getTotalCount() + " recorded)");
        out.add(String.format("%d requests sent, %.1f a second, over %d connection%s", sent, throughput(), connections,
                connections == 1 ? "" : "s"));
        StringBuilder e = new StringBuilder(String.format("errors: %d (%.2f%%)", errorCount(), errorRate() * 100));
        errors.forEach((kind, n) -> {
            if (n > 0) {
                e.append(", ").append(kind.label()).append(' ').append(n);
            }
        });
        out.add(e.toString());
        if (unsent > 0) {
            out.add(unsent + " scheduled requests were still waiting for a connection when the run ended");
        }
        out.add("generator: " + millis(cpu) + " of CPU, " + lateStarts + " requests started more than "
                + millis(spec.lateAfter()) + " late (at worst " + millis(maxLateness) + ")"
                + (saturated() ? ": generator saturated" : ""));
        return out;
    }

    static String label(double q) {
        return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
    }

    static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms >= 100 ? String.format("%.0f ms", ms) : String.format("%.2f ms", ms);
    }
}
