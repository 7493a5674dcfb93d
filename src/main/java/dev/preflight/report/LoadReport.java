package dev.preflight.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.HistogramIterationValue;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.preflight.check.Evidence;
import dev.preflight.load.LoadResult;
import dev.preflight.load.Scenario;
import dev.preflight.load.Threshold;

/**
 * What {@code preflight load} reports (schema {@code preflight-load/1}): each scenario's run with its
 * figures, its thresholds each judged on its own line, the latency histogram and profile, and a
 * verdict: PASS when every threshold is met, FAIL when one is not, INCONCLUSIVE when the generator
 * saturated, MEASURED when the scenario set no threshold.
 */
public record LoadReport(String schema, Report.Tool tool, String target, boolean passed, List<Run> runs) {
    public static final String SCHEMA = "preflight-load/1";
    private static final int BAR = 30;

    public record Run(String scenario, String where, String plan, String verdict, String stoppedBy, long sent, long warmupSent, long unsent,
                      double perSecond, long elapsedMs, Map<String, Long> errors, double errorRate, Map<String, Double> latencyMs,
                      List<Judged> thresholds, String saturation, List<Bucket> histogram, Evidence.LatencyProfile profile) {
    }

    /** A threshold and what was measured; {@code note} says why a met one still supports nothing (too few requests). */
    public record Judged(String threshold, String measured, boolean met, String note) {
    }

    /** Requests whose latency fell in [fromMs, toMs). */
    public record Bucket(double fromMs, double toMs, long count) {
    }

    public static LoadReport of(String version, String target, List<Run> runs) {
        boolean passed = runs.stream().allMatch(r -> r.verdict().equals("PASS") || r.verdict().equals("MEASURED"));
        return new LoadReport(SCHEMA, new Report.Tool("preflight", version), target, passed, runs);
    }

    /** One scenario's run, judged by its thresholds. */
    public static Run run(Scenario scenario, LoadResult result) {
        List<Judged> judged = new ArrayList<>();
        for (Threshold t : scenario.thresholds()) {
            Threshold.Judgement j = t.judge(result);
            String note = t instanceof Threshold.ErrorRate rate && j.met() && result.sent() < rate.requestsNeeded()
                    ? "insufficient evidence: needs " + (rate.requestsNeeded() == Long.MAX_VALUE ? "unbounded" : rate.requestsNeeded())
                      + " requests, the run sent " + result.sent() : null;
            judged.add(new Judged(t.text(), j.measured(), j.met(), note));
        }
        boolean unsupported = judged.stream().anyMatch(j -> j.note() != null);
        String verdict = judged.stream().anyMatch(j -> !j.met()) && !result.saturated() ? "FAIL"
                : result.saturated() || unsupported ? "INCONCLUSIVE" : judged.isEmpty() ? "MEASURED" : "PASS";
        Map<String, Long> errors = new LinkedHashMap<>();
        result.errors().forEach((kind, n) -> errors.put(kind.label(), n));
        Map<String, Double> latency = new LinkedHashMap<>();
        for (double q : LoadResult.REPORTED) {
            latency.put(q >= 100 ? "max" : "p" + (q == Math.rint(q) ? String.valueOf((long) q) : String.valueOf(q)),
                    result.percentile(q).toNanos() / 1e6);
        }
        return new Run(scenario.name(), scenario.where(), result.spec().describe(), verdict, result.stoppedBy(), result.sent(),
                result.warmupSent(), result.unsent(), result.throughput(), result.elapsed().toMillis(), errors, result.errorRate(), latency,
                judged, result.saturation().orElse(null), histogram(result), Evidence.LatencyProfile.of(result));
    }

    /** The latencies in buckets that double in width from 1 ms: where the requests' times fell, not only their percentiles. */
    static List<Bucket> histogram(LoadResult result) {
        List<Bucket> buckets = new ArrayList<>();
        if (result.latency().getTotalCount() == 0) {
            return buckets;
        }
        double from = 0;
        for (HistogramIterationValue v : result.latency().logarithmicBucketValues(1_000, 2.0)) {
            double to = v.getValueIteratedTo() / 1e3;
            buckets.add(new Bucket(from, to, v.getCountAddedInThisIterationStep()));
            from = to;
        }
        return buckets;
    }

    public String json() {
        try {
            return JsonReport.JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a load report could not be serialized", e);
        }
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (Run r : runs) {
            out.append("scenario '").append(r.scenario()).append("' (").append(r.where()).append(") against ").append(target).append('\n');
            out.append("  ").append(r.plan()).append('\n');
            out.append(String.format(Locale.ROOT, "  ran %.1f s, stopped by %s; %d requests, %.1f a second", r.elapsedMs() / 1e3,
                    r.stoppedBy(), r.sent(), r.perSecond()));
            if (r.warmupSent() > 0) {
                out.append(" (and ").append(r.warmupSent()).append(" in the warm-up, not measured)");
            }
            out.append('\n');
            StringBuilder latency = new StringBuilder("  latency");
            r.latencyMs().forEach((name, ms) -> latency.append(' ').append(name).append(' ').append(ms(ms)));
            out.append(latency).append('\n');
            StringBuilder errors = new StringBuilder(String.format(Locale.ROOT, "  errors %.2f%%", r.errorRate() * 100));
            r.errors().forEach((kind, n) -> {
                if (n > 0) {
                    errors.append(", ").append(kind).append(' ').append(n);
                }
            });
            out.append(errors).append('\n');
            if (r.unsent() > 0) {
                out.append("  ").append(r.unsent()).append(" scheduled requests were still waiting for a connection at the end\n");
            }
            long most = r.histogram().stream().mapToLong(Bucket::count).max().orElse(0);
            for (Bucket b : r.histogram()) {
                int width = most == 0 ? 0 : (int) Math.round((double) b.count() * BAR / most);
                out.append(String.format(Locale.ROOT, "  %10s – %-10s %-" + BAR + "s %d%n", ms(b.fromMs()), ms(b.toMs()),
                        "#".repeat(width), b.count()));
            }
            out.append("  ").append(LatencyFigures.timelineLine(r.profile())).append('\n');
            for (Judged j : r.thresholds()) {
                out.append("  ").append(j.met() ? "met      " : "NOT met  ").append(j.threshold()).append(": measured ").append(j.measured())
                        .append(j.note() == null ? "" : " (" + j.note() + ")").append('\n');
            }
            if (r.saturation() != null) {
                out.append("  generator saturated: ").append(r.saturation()).append("; the figures are Preflight's, not the server's\n");
            }
            out.append("  ").append(r.verdict()).append("\n\n");
        }
        out.append(passed ? "load: every threshold met\n" : "load: NOT every threshold met (or a run was inconclusive)\n");
        return out.toString();
    }

    private static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.2f ms", ms);
    }
}
