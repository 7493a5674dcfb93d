package dev.preflight.checks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.load.LoadResult;
import dev.preflight.load.Scenario;
import dev.preflight.load.Threshold;

/**
 * The item's latency bound ("< 200ms (p95)") holds under a modest open-model load: requests at a
 * fixed rate to the endpoint the item names, each one's latency counted from its intended start.
 */
@CheckInfo(id = "load.latency", title = "Latency under load stays within the item's bound at its percentile", target = TargetKind.URL,
        active = true,
        phrases = {"\\blatency\\b", "response times?\\s*[-–:]?\\s*([<≤]|under|below)", "\\b(verify|test|check|measure)\\s+(the\\s+)?(api\\s+)?response times?",
                "[<≤]\\s*\\d+(\\.\\d+)?\\s*(ms|s|sec|seconds?)\\b", "\\bp9\\d\\b", "\\bpercentile\\b"},
        params = {"latency", "percentile", "path", "scenario"}, selfTimed = true,
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
        String path = context.params().text(Param.PATH).orElse("/");
        Optional<Threshold> own = ItemThresholds.latency(context.params());
        Optional<Scenario> scenario;
        try {
            scenario = DefaultRun.scenario(context, s -> true);
        } catch (IllegalArgumentException unknown) {
            return Outcome.error(unknown.getMessage());
        }
        if (own.isEmpty() && scenario.map(Scenario::latencyThresholds).orElse(List.of()).isEmpty()) {
            return new Outcome(Status.ERROR, "the item names no latency bound, so there is nothing to judge", List.of(),
                    "Write the bound into the item, e.g. \"API response time < 200ms (p95)\", or "
                    + "<!-- preflight: load.latency latency=200ms percentile=p95 path=/api/items -->, or give the load scenario "
                    + "thresholds such as p(95)<200ms in preflight.yaml", null);
        }
        return switch (DefaultRun.send(context, path, duration)) {
            case DefaultRun.Attempt.Ran ran -> judge(bounds(own, ran.scenario().map(Scenario::latencyThresholds)), ran);
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
        };
    }

    /** The item's own bound first, then the scenario's of the same kind. */
    static List<Threshold> bounds(Optional<? extends Threshold> own, Optional<List<Threshold>> scenario) {
        List<Threshold> all = new ArrayList<>();
        own.ifPresent(all::add);
        scenario.ifPresent(all::addAll);
        return all.stream().distinct().toList();
    }

    static Outcome judge(List<Threshold> bounds, DefaultRun.Attempt.Ran ran) {
        LoadResult result = ran.result();
        List<Threshold.Judgement> judgements = bounds.stream().map(b -> b.judge(result)).toList();
        List<Evidence> evidence = RunEvidence.of(ran, judgements);
        Optional<Outcome> inconclusive = RunEvidence.inconclusive(result, evidence);
        if (inconclusive.isPresent()) {
            return inconclusive.get();
        }
        String run = RunEvidence.run(ran);
        List<Threshold.Judgement> lost = judgements.stream().filter(j -> !j.met()).toList();
        if (!lost.isEmpty()) {
            return Outcome.fail(RunEvidence.measured(lost) + " (" + run + ")", "Find where the time goes at that percentile (slow "
                                + "queries, a pool too small, garbage-collection pauses, a cold cache) and measure again.", evidence);
        }
        String measured = RunEvidence.measured(judgements) + " (" + run + ")";
        if (result.errorCount() > 0) {
            return Outcome.warn(measured + ", but " + result.errorCount() + " requests failed: a fast error is no latency",
                    "Make the endpoint answer successfully under load, then judge its latency.", evidence);
        }
        return Outcome.pass(measured, evidence);
    }
}
