package dev.preflight.load;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.text.Durations;

/**
 * A bound a load run is judged by: a latency at a percentile ({@code p(95)<200ms}) or the error rate
 * ({@code rate<0.01}). Written in preflight.yaml in k6's syntax, or lifted from an item's words ("< 200ms
 * (p95)", "Error rate < 0.1%": see checks.load.ItemThresholds). The bound is strict unless written with {@code <=}.
 */
public sealed interface Threshold {
    /** The percentile an item's latency bound is read at when its words name none. */
    double DEFAULT_PERCENTILE = 95;

    Pattern LATENCY = Pattern.compile("(?:p\\((\\d{1,2}(?:\\.\\d+)?)\\)|(med|max))\\s*(<=?)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|us)?");
    Pattern RATE = Pattern.compile("rate\\s*(<=?)\\s*(\\d*\\.?\\d+)");

    /** The latency at {@code percentile} (100 is the maximum) stays below {@code bound}. */
    record Latency(double percentile, Duration bound, boolean inclusive) implements Threshold {
        public Latency {
            if (!(percentile > 0) || percentile > 100 || bound.isNegative()) {
                throw new IllegalArgumentException("a latency threshold needs a percentile in (0, 100] and a bound of 0 or more");
            }
        }

        @Override
        public String text() {
            String metric = percentile >= 100 ? "max" : "p(" + LoadResult.label(percentile) + ")";
            return metric + (inclusive ? "<=" : "<") + Durations.text(bound);
        }
    }

    /** Errors over requests sent stay below {@code bound} (a fraction: 0.01 is 1%). */
    record ErrorRate(double bound, boolean inclusive) implements Threshold {
        public ErrorRate {
            if (bound < 0 || bound > 1) {
                throw new IllegalArgumentException("an error-rate threshold is a fraction between 0 and 1");
            }
        }

        @Override
        public String text() {
            return "rate" + (inclusive ? "<=" : "<") + bound;
        }

        /**
         * The requests a run needs before few enough errors in them support a rate below the bound: with
         * no error in n requests the rate is below about 3/n at 95% confidence (the rule of three).
         */
        public long requestsNeeded() {
            // The tolerance keeps 3/0.1 (30.000000000000004 in doubles) at 30.
            return bound == 0 ? Long.MAX_VALUE : (long) Math.ceil(3 / bound - 1e-9);
        }
    }

    /** The measured value and whether it stays within the bound. */
    record Judgement(Threshold threshold, String measured, boolean met) {
        /** One evidence line: the threshold, what was measured, the result. */
        public String line() {
            return threshold.text() + ": measured " + measured + (met ? ", met" : ", NOT met");
        }
    }

    /** The threshold as k6 would write it. */
    String text();

    /** Judges {@code result} by this threshold. */
    default Judgement judge(LoadResult result) {
        return switch (this) {
            case Latency l -> {
                Duration measured = result.percentile(l.percentile());
                int c = measured.compareTo(l.bound());
                yield new Judgement(this, LoadResult.millis(measured), l.inclusive() ? c <= 0 : c < 0);
            }
            case ErrorRate e -> {
                double measured = result.errorRate();
                yield new Judgement(this, String.format(Locale.ROOT, "%.4f (%d of %d)", measured, result.errorCount(), result.sent()),
                        e.inclusive() ? measured <= e.bound() : measured < e.bound());
            }
        };
    }

    /**
     * A threshold in k6's syntax: {@code p(95)<200ms}, {@code p(99.9)<=1.5s}, {@code med<50ms},
     * {@code max<2s}, {@code rate<0.01}. A latency without a unit is in milliseconds, as in k6.
     */
    static Threshold parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = LATENCY.matcher(t);
        if (m.matches()) {
            double percentile = m.group(1) != null ? Double.parseDouble(m.group(1)) : m.group(2).equals("med") ? 50 : 100;
            double value = Double.parseDouble(m.group(4));
            String unit = m.group(5) == null ? "ms" : m.group(5);
            long nanos = (long) switch (unit) {
                case "s" -> value * 1e9;
                case "us" -> value * 1e3;
                default -> value * 1e6;
            };
            return new Latency(percentile, Duration.ofNanos(nanos), m.group(3).length() == 2);
        }
        m = RATE.matcher(t);
        if (m.matches()) {
            return new ErrorRate(Double.parseDouble(m.group(2)), m.group(1).length() == 2);
        }
        throw new IllegalArgumentException("'" + text + "' is not a threshold: write p(95)<200ms, med<50ms, max<2s or rate<0.01");
    }
}
