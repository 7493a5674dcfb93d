package dev.preflight.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.preflight.check.Evidence.LatencyProfile;
import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LatencyPoint;

/**
 * A load run's latency in a few words, for the formats that cannot draw: the usual percentiles on one
 * line and p95 over time as a sparkline. The HTML report's tables and chart labels use the same wording.
 */
final class LatencyFigures {
    /** The percentiles a reader looks for on a latency curve; 100 is the maximum. */
    private static final List<Double> USUAL = List.of(50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 100.0);
    private static final String BLOCKS = "▁▂▃▄▅▆▇█";
    /** A longer sparkline would wrap in a terminal or a pull-request comment. */
    static final int SPARKLINE_WIDTH = 60;

    private LatencyFigures() {
    }

    /**
     * The curve's first point at or above each usual percentile, and its last point, in the curve's
     * (ascending) order. Each keeps its own percentile as its label: a curve sampled at 93.75 must not
     * have that point read as p90.
     */
    private static List<LatencyPoint> usualPoints(LatencyProfile profile) {
        List<LatencyPoint> curve = profile.percentiles().stream().filter(p -> Double.isFinite(p.millis())).toList();
        if (curve.isEmpty()) {
            return List.of();
        }
        Set<LatencyPoint> picked = new LinkedHashSet<>();
        for (double usual : USUAL) {
            curve.stream().filter(p -> p.percentile() >= usual).findFirst().ifPresent(picked::add);
        }
        picked.add(curve.getLast());
        return List.copyOf(picked);
    }

    /** "p50 4.10 ms · p99 12.50 ms · max 850 ms", or a plain statement when the curve is empty. */
    static String percentileLine(LatencyProfile profile) {
        List<LatencyPoint> points = usualPoints(profile);
        if (points.isEmpty()) {
            return "no latency recorded";
        }
        List<String> parts = new ArrayList<>();
        points.forEach(p -> parts.add(label(p.percentile()) + " " + millis(p.millis())));
        return String.join(" · ", parts);
    }

    /**
     * "p95 per 1 s interval ▁▁█▁ (2.10 ms to 850 ms, highest at 6 s); 12 errors in 1 interval", or a
     * plain statement when no interval recorded a request.
     */
    static String timelineLine(LatencyProfile profile) {
        List<LatencyInterval> timeline = profile.timeline();
        if (timeline.isEmpty()) {
            return "no intervals recorded";
        }
        if (answered(timeline).isEmpty()) {
            return "none of " + timeline.size() + (timeline.size() == 1 ? " interval" : " intervals") + " recorded a request";
        }
        return "p95 per " + intervalLength(timeline) + " " + sparkline(timeline) + " (" + p95Range(timeline) + "); " + errors(timeline);
    }

    /** "2.10 ms to 850 ms, highest at 6 s", over the intervals that recorded a request; there must be one. */
    static String p95Range(List<LatencyInterval> timeline) {
        List<LatencyInterval> answered = answered(timeline);
        LatencyInterval low = answered.stream().min(Comparator.comparingDouble(LatencyInterval::p95)).orElseThrow();
        LatencyInterval high = answered.stream().max(Comparator.comparingDouble(LatencyInterval::p95)).orElseThrow();
        return millis(low.p95()) + " to " + millis(high.p95()) + ", highest at " + seconds(high.startSeconds()) + " s";
    }

    /** "no errors", "12 errors in 1 interval". */
    static String errors(List<LatencyInterval> timeline) {
        long errors = timeline.stream().mapToLong(LatencyInterval::errors).sum();
        long withErrors = timeline.stream().filter(i -> i.errors() > 0).count();
        return errors == 0 ? "no errors"
                : errors + (errors == 1 ? " error" : " errors") + " in " + withErrors + (withErrors == 1 ? " interval" : " intervals");
    }

    /**
     * One block character per interval, from ▁ (no time) to █ (the slowest interval's p95); an interval
     * that recorded nothing is a space. A long run is folded to {@link #SPARKLINE_WIDTH} characters,
     * each showing the slowest of the intervals it stands for, so a stall is never averaged away.
     */
    static String sparkline(List<LatencyInterval> timeline) {
        double top = answered(timeline).stream().mapToDouble(LatencyInterval::p95).max().orElse(0);
        int width = Math.min(timeline.size(), SPARKLINE_WIDTH);
        StringBuilder out = new StringBuilder(width);
        for (int column = 0; column < width; column++) {
            int from = column * timeline.size() / width;
            int to = (column + 1) * timeline.size() / width;
            double slowest = answered(timeline.subList(from, to)).stream().mapToDouble(LatencyInterval::p95).max().orElse(-1);
            if (slowest < 0) {
                out.append(' ');
            } else {
                int level = top <= 0 ? 0 : (int) Math.round(slowest / top * (BLOCKS.length() - 1));
                out.append(BLOCKS.charAt(Math.clamp(level, 0, BLOCKS.length() - 1)));
            }
        }
        return out.toString();
    }

    /** The intervals whose latency means something: they recorded requests and their figures are numbers. */
    static List<LatencyInterval> answered(List<LatencyInterval> timeline) {
        return timeline.stream().filter(LatencyFigures::answered).toList();
    }

    static boolean answered(LatencyInterval interval) {
        return interval.requests() > 0 && Double.isFinite(interval.p50()) && Double.isFinite(interval.p95())
               && Double.isFinite(interval.p99()) && Double.isFinite(interval.max());
    }

    /** "1 s interval" when the intervals are alike, else "interval". */
    private static String intervalLength(List<LatencyInterval> timeline) {
        double first = timeline.getFirst().seconds();
        boolean alike = timeline.stream().allMatch(i -> i.seconds() == first);
        return alike && first > 0 ? number(first) + " s interval" : "interval";
    }

    /** "p50", "p99.9", "max". */
    static String label(double percentile) {
        return percentile >= 100 ? "max" : "p" + number(percentile);
    }

    /** "0.42 ms", "12.50 ms", "850 ms": two decimals below 100 ms, as the load check's own lines. */
    static String millis(double ms) {
        return ms(ms) + " ms";
    }

    /** {@link #millis} without the unit, for a table whose heading names it. */
    static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    /** A number without a useless fraction: 1, 0.5, 99.99. */
    /** Seconds into a run to a tenth: intervals start a few microseconds off the whole second. */
    static String seconds(double value) {
        return Double.isFinite(value) ? number(Math.round(value * 10) / 10.0) : String.valueOf(value);
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.6f", value)).stripTrailingZeros().toPlainString();
    }
}
