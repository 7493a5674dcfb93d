package dev.preflight.checks.http;

import java.util.List;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.PrometheusText;

/** The metrics endpoint serves valid Prometheus text or OpenMetrics with at least one sample. */
@CheckInfo(id = "http.metrics", title = "Metrics endpoint serves Prometheus text", target = TargetKind.URL,
        severity = Severity.MEDIUM,
        phrases = {"metrics endpoint", "/metrics", "prometheus", "metrics collection"},
        params = {"path"},
        related = {"prometheus:promtool-check-metrics"})
public final class MetricsCheck implements Check {
    @Override
    public Outcome run(CheckContext context) {
        List<String> candidates = context.params().text(Param.PATH).map(List::of).orElse(PrometheusText.USUAL_PATHS);
        HttpObservation seen = context.http().firstSuccessful(candidates);
        if (!seen.answered()) {
            return Outcome.error("metrics endpoint could not be reached: " + seen.failure(), seen.evidence());
        }
        if (!seen.isSuccess()) {
            return Outcome.fail("no metrics endpoint answered 2xx (tried " + String.join(", ", candidates) + ")",
                    "Expose Prometheus metrics (e.g. prometheus_client, prom-client, Micrometer) on /metrics, "
                            + "or name the path: <!-- preflight: http.metrics path=/your/metrics -->", seen.evidence());
        }
        PrometheusText.Result parsed = PrometheusText.parse(seen.body());
        if (parsed.badLine() > 0) {
            return Outcome.fail("not Prometheus text: line " + parsed.badLine() + " is not a sample or comment",
                    "Serve the text exposition format (Content-Type: text/plain; version=0.0.4) from a Prometheus client library.",
                    seen.evidence(), new Evidence.Note("line " + parsed.badLine() + ": " + abbreviate(parsed.badText())));
        }
        if (parsed.samples() == 0) {
            return Outcome.fail("the metrics endpoint answered but holds no samples",
                    "Register at least the process and request metrics of your client library.", seen.evidence());
        }
        return Outcome.pass(parsed.samples() + " samples in " + parsed.families() + " metric families",
                seen.evidence(), new Evidence.Measurement("samples", parsed.samples(), ""));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
