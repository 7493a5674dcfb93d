package dev.preflight.checks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpProbe;
import dev.preflight.load.ErrorKind;
import dev.preflight.load.LoadResult;
import dev.preflight.load.Threshold;

/**
 * The item's latency bound ("< 200ms (p95)") holds under a modest open-model load: requests at a
 * fixed rate to the endpoint the item names, each one's latency counted from its intended start.
 */
@CheckInfo(id = "load.latency", title = "Latency under load stays within the item's bound at its percentile", target = TargetKind.URL,
        active = true,
        phrases = {"\\blatency\\b", "response times?\\s*[-–:]?\\s*([<≤]|under|below)", "\\b(verify|test|check|measure)\\s+(the\\s+)?(api\\s+)?response times?",
                "[<≤]\\s*\\d+(\\.\\d+)?\\s*(ms|s|sec|seconds?)\\b", "\\bp9\\d\\b", "\\bpercentile\\b"},
        params = {"latency", "percentile", "path"},
        related = {"k6:http_req_duration", "wrk"})
public final class LatencyCheck implements Check {
    private final Duration duration;

    public LatencyCheck() {
        this(DefaultRun.DURATION);
    }

    /** A check whose runs last {@code duration}: tests use a short one. */
    LatencyCheck(Duration duration) {
        this.duration = duration;
    }

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        String path = context.params().text(Param.PATH).orElse("/");
        Optional<Threshold> bound = Threshold.latencyOf(context.params());
        if (bound.isEmpty()) {
            return new Outcome(Status.ERROR, "the item names no latency bound, so there is nothing to judge", List.of(),
                    "Write the bound into the item, e.g. \"API response time < 200ms (p95)\", or "
                    + "<!-- preflight: load.latency latency=200ms percentile=p95 path=/api/items -->", null);
        }
        return switch (DefaultRun.send(http, path, duration)) {
            case DefaultRun.Attempt.Ran ran -> judge(bound.get(), ran.result(), path);
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
        };
    }

    static Outcome judge(Threshold bound, LoadResult result, String path) {
        Threshold.Judgement judgement = bound.judge(result);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note(judgement.line()));
        result.lines().forEach(line -> evidence.add(new Evidence.Note(line)));
        String run = String.format(Locale.ROOT, "%d requests to %s at %s", result.sent(), path, result.spec().model().describe());
        if (result.saturated()) {
            return Outcome.error("inconclusive: generator saturated (" + result.lateStarts() + " requests started late): "
                                 + "the figures are Preflight's, not the server's", evidence.toArray(Evidence[]::new));
        }
        long transport = result.errors().entrySet().stream()
                .filter(e -> e.getKey() != ErrorKind.STATUS_4XX && e.getKey() != ErrorKind.STATUS_5XX)
                .mapToLong(e -> e.getValue()).sum();
        if (result.sent() > 0 && transport == result.sent()) {
            return Outcome.error("no request of the run was answered (" + run + ")", evidence.toArray(Evidence[]::new));
        }
        String measured = bound.text() + ": measured " + judgement.measured() + " (" + run + ")";
        if (!judgement.met()) {
            return Outcome.fail(measured, "Find where the time goes at that percentile (slow queries, a pool too small, "
                                          + "garbage-collection pauses, a cold cache) and measure again.", evidence);
        }
        if (result.errorCount() > 0) {
            return Outcome.warn(measured + ", but " + result.errorCount() + " requests failed: a fast error is no latency",
                    "Make the endpoint answer successfully under load, then judge its latency.", evidence);
        }
        return Outcome.pass(measured, evidence);
    }
}
