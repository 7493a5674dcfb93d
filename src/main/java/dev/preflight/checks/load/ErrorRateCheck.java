package dev.preflight.checks.load;

import java.time.Duration;
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
 * The item's error-rate ceiling ("Error rate < 0.1%") holds under the default open-model run. A
 * bounded run supports a small rate only with enough requests: with no error in n requests the rate
 * is below about 3/n at 95% confidence (the rule of three), so fewer than 3/bound requests is no proof.
 */
@CheckInfo(id = "load.error-rate", title = "The error rate under load stays below the item's bound", target = TargetKind.URL,
        active = true,
        phrases = {"error rates?\\s*([<≤]|under|below|less than)"},
        params = {"percentBelow", "path", "scenario"}, selfTimed = true,
        related = {"k6:http_req_failed"})
public final class ErrorRateCheck implements Check {
    private final Duration duration;

    public ErrorRateCheck() {
        this(DefaultRun.DURATION);
    }

    /** A check whose runs last {@code duration}: tests use a short one. */
    ErrorRateCheck(Duration duration) {
        this.duration = duration;
    }

    @Override
    public Outcome run(CheckContext context) {
        String path = context.params().text(Param.PATH).orElse("/");
        Optional<Threshold.ErrorRate> own = ItemThresholds.errorRate(context.params());
        Optional<Scenario> scenario;
        try {
            scenario = DefaultRun.scenario(context, s -> true);
        } catch (IllegalArgumentException unknown) {
            return Outcome.error(unknown.getMessage());
        }
        if (own.isEmpty() && scenario.map(Scenario::errorRateThresholds).orElse(List.of()).isEmpty()) {
            return new Outcome(Status.ERROR, "the item names no error-rate bound, so there is nothing to judge", List.of(),
                    "Write the bound into the item, e.g. \"Error rate < 1%\", or <!-- preflight: load.error-rate percentBelow=1 path=/api -->, "
                    + "or give the load scenario a threshold such as rate<0.01 in preflight.yaml", null);
        }
        return switch (DefaultRun.send(context, path, duration)) {
            case DefaultRun.Attempt.Ran ran -> judge(LatencyCheck.bounds(own, ran.scenario().map(Scenario::errorRateThresholds)), ran);
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
        };
    }

    static Outcome judge(List<Threshold> bounds, DefaultRun.Attempt.Ran ran) {
        LoadResult result = ran.result();
        List<Threshold.Judgement> judgements = bounds.stream().map(b -> b.judge(result)).toList();
        List<Evidence> evidence = RunEvidence.of(ran, judgements);
        if (result.saturated()) {
            return RunEvidence.inconclusive(result, evidence).orElseThrow();
        }
        List<Threshold.Judgement> lost = judgements.stream().filter(j -> !j.met()).toList();
        if (!lost.isEmpty()) {
            return Outcome.fail(RunEvidence.measured(lost) + " on " + RunEvidence.where(ran), "Read the failed requests' kinds above (5xx, timeouts, resets) in the "
                                + "server's logs for the same minutes, fix their cause and measure again.", evidence);
        }
        String measured = RunEvidence.measured(judgements) + " on " + RunEvidence.where(ran);
        Threshold.ErrorRate tightest = bounds.stream().map(b -> (Threshold.ErrorRate) b)
                .min(java.util.Comparator.comparingDouble(Threshold.ErrorRate::bound)).orElseThrow();
        long needed = tightest.requestsNeeded();
        if (result.sent() < needed) {
            return new Outcome(Status.ERROR, "insufficient evidence: needs " + (needed == Long.MAX_VALUE ? "unbounded" : needed)
                                             + " requests to support " + tightest.text() + ", the run sent " + result.sent()
                                             + " (" + measured + ")",
                    evidence, "A rate that low needs a longer run (a load scenario in preflight.yaml with more requests); or judge the "
                                  + "claim from the service's own monitoring over days, and sign the item off with preflight attest.", null);
        }
        return Outcome.pass(measured, evidence);
    }
}
