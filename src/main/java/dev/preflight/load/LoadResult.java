package dev.preflight.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured, warm-up left out. Latencies are in microseconds: for the open model from
 * each request's intended start, for the closed model from its actual start. Requests that had not
 * started when the run ended ({@code unsent}, open model only: they waited for a connection behind a
 * slow server) are in the histogram with the time they had waited, a lower bound of their latency,
 * since leaving them out is exactly the omission the open model exists to avoid.
 *
 * @param timeline    the measured part of the run interval by interval, for latency over time
 * @param workerCpu   the CPU time of the closed model's threads (event loops, or one thread per connection over https), the generator's own work
 *                    (zero for the open model, whose lateness says the same more directly)
 * @param warmupSent  requests sent in the warm-up, not measured
 */
public record LoadResult(LoadSpec spec, Histogram latency, long sent, Map<ErrorKind, Long> errors, long unsent, Duration elapsed,
                         Duration cpu, int connections, long lateStarts, Duration maxLateness, String stoppedBy,
                         List<LatencyInterval> timeline, Duration workerCpu, long warmupSent, int cores) {
    /** The percentiles a report shows. */
    public static final List<Double> REPORTED = List.of(50.0, 90.0, 95.0, 99.0, 99.9, 100.0);
    /** The share of scheduled requests the generator may start late before its figures stop being the server's. */
    public static final double LATE_SHARE_ALLOWED = 0.01;
    /**
     * Late starts a run may have whatever its length: in a short run one pause of the machine (a
     * collection, a neighbour's burst) is more than 1% of the requests, and is not the generator
     * being the bottleneck; a pattern of late starts is.
     */
    public static final long LATE_STARTS_IGNORED = 2;
    /** The share of the machine's processors the generator's own threads may keep busy before it, not the server, is the limit. */
    public static final double CPU_SHARE_ALLOWED = 0.9;

    public LoadResult {
        EnumMap<ErrorKind, Long> copy = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            copy.put(k, errors.getOrDefault(k, 0L));
        }
        errors = Collections.unmodifiableMap(copy);
        timeline = List.copyOf(timeline);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Errors over requests sent; a request never sent is neither. */
    public double errorRate() {
        return sent == 0 ? 0 : (double) errorCount() / sent;
    }

    /** Requests sent per second of the measured run. */
    public double throughput() {
        double seconds = (elapsed.toNanos() - Math.min(elapsed.toNanos(), spec.warmup().toNanos())) / 1e9;
        return seconds == 0 ? 0 : sent / seconds;
    }

    /** The latency at {@code percentile} (0–100; 100 is the maximum). */
    public Duration percentile(double percentile) {
        long micros = percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile);
        return Duration.ofNanos(micros * 1_000);
    }

    /** The share of the machine's processors the generator's own threads kept busy. */
    public double workerCpuShare() {
        double available = (double) elapsed.toNanos() * cores;
        return available == 0 ? 0 : workerCpu.toNanos() / available;
    }

    /**
     * Why the generator, not the server, limited the run, if it did: it started more than
     * {@link #LATE_SHARE_ALLOWED} of its scheduled requests late (and more than {@link #LATE_STARTS_IGNORED}),
     * or its threads kept more than
     * {@link #CPU_SHARE_ALLOWED} of the processors busy. Such figures are no verdict on the server.
     */
    public Optional<String> saturation() {
        long scheduled = sent + unsent;
        if (lateStarts > Math.max(LATE_SHARE_ALLOWED * scheduled, LATE_STARTS_IGNORED)) {
            return Optional.of(lateStarts + " of " + scheduled + " requests started more than " + millis(spec.lateAfter())
                               + " late (at worst " + millis(maxLateness) + ")");
        }
        if (workerCpuShare() > CPU_SHARE_ALLOWED) {
            return Optional.of(String.format(Locale.ROOT, "its threads kept %.0f%% of %d processors busy", workerCpuShare() * 100, cores));
        }
        return Optional.empty();
    }

    public boolean saturated() {
        return saturation().isPresent();
    }

    /**
     * The percentiles of the curve a report draws: evenly spaced in "number of nines", as HdrHistogram's
     * plots are, so the tail gets as much of the picture as the median.
     */
    static final List<Double> CURVE = List.of(0.0, 25.0, 50.0, 75.0, 90.0, 95.0, 97.5, 99.0, 99.5, 99.75, 99.9, 99.95, 99.975, 99.99,
            99.995, 99.999, 100.0);

    /** The run's percentile curve at the {@link #CURVE} levels, as far as the run's request count resolves them. */
    public List<LatencyPoint> curve() {
        List<LatencyPoint> curve = new ArrayList<>();
        long count = latency.getTotalCount();
        for (double p : CURVE) {
            // A level finer than one request in the run would only repeat the maximum.
            if (count > 0 && (p >= 100 || (100 - p) / 100 * count >= 1)) {
                curve.add(new LatencyPoint(p, percentile(p).toNanos() / 1e6));
            }
        }
        return curve;
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
        out.add(String.format(Locale.ROOT, "%d requests sent, %.1f a second, over %d connection%s%s", sent, throughput(), connections,
                connections == 1 ? "" : "s", warmupSent > 0 ? " (and " + warmupSent + " in the warm-up, not measured)" : ""));
        StringBuilder e = new StringBuilder(String.format(Locale.ROOT, "errors: %d (%.2f%%)", errorCount(), errorRate() * 100));
        errors.forEach((kind, n) -> {
            if (n > 0) {
                e.append(", ").append(kind.label()).append(' ').append(n);
            }
        });
        out.add(e.toString());
        if (unsent > 0) {
            out.add(unsent + " scheduled requests were still waiting for a connection when the run ended");
        }
        String own = workerCpu.isZero() ? "" : String.format(Locale.ROOT, ", its connections %.0f%% of %d processors", workerCpuShare() * 100, cores);
        out.add("generator: " + millis(cpu) + " of CPU" + own + ", " + lateStarts + " requests started more than "
                + millis(spec.lateAfter()) + " late (at worst " + millis(maxLateness) + ")"
                + (saturated() ? ": generator saturated" : ""));
        return out;
    }

    static String label(double q) {
        return q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
    }

    public static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
