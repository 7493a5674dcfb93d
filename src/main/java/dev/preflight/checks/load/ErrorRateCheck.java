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
import dev.preflight.load.Threshold;

/**
 * The item's error-rate ceiling ("Error rate < 0.1%") holds under the default open-model run. A
 * bounded run supports a small rate only with enough requests: with no error in n requests the rate
 * is below about 3/n at 95% confidence (the rule of three), so fewer than 3/bound requests is no proof.
 */
@CheckInfo(id = "load.error-rate", title = "The error rate under load stays below the item's bound", target = TargetKind.URL,
        active = true,
        phrases = {"error rates?\\s*([<≤]|under|below|less than)"},
        params = {"percentBelow", "path"},
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
        Optional<Threshold.ErrorRate> bound = Threshold.errorRateOf(context.params());
        if (bound.isEmpty()) {
            return new Outcome(Status.ERROR, "the item names no error-rate bound, so there is nothing to judge", List.of(),
                    "Write the bound into the item, e.g. \"Error rate < 1%\", or <!-- preflight: load.error-rate percentBelow=1 path=/api -->",
                    null);
        }
        return switch (DefaultRun.send(context.http(), path, duration)) {
            case DefaultRun.Attempt.Ran ran -> judge(bound.get(), ran.result(), path);
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
        };
    }

    /** The requests a run needs before no error in them supports a rate below {@code bound}. */
    static long needed(double bound) {
        // The tolerance keeps 3/0.1 (30.000000000000004 in doubles) at 30.
        return bound == 0 ? Long.MAX_VALUE : (long) Math.ceil(3 / bound - 1e-9);
    }

    static Outcome judge(Threshold.ErrorRate bound, LoadResult result, String path) {
        Threshold.Judgement judgement = bound.judge(result);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note(judgement.line()));
        result.lines().forEach(line -> evidence.add(new Evidence.Note(line)));
        String measured = bound.text() + ": measured " + judgement.measured() + " on " + path;
        if (result.saturated()) {
            return Outcome.error("inconclusive: generator saturated (" + result.lateStarts() + " requests started late): "
                                 + "the figures are Preflight's, not the server's", evidence.toArray(Evidence[]::new));
        }
        if (!judgement.met()) {
            return Outcome.fail(measured, "Read the failed requests' kinds above (5xx, timeouts, resets) in the server's logs "
                                          + "for the same minutes, fix their cause and measure again.", evidence);
        }
        long needed = needed(bound.bound());
        if (result.sent() < needed) {
            return new Outcome(Status.ERROR, "insufficient evidence: needs " + (needed == Long.MAX_VALUE ? "unbounded" : needed)
                                             + " requests to support " + bound.text() + ", the run sent " + result.sent()
                                             + " (" + measured + ")",
                    evidence, "A rate that low needs a longer run; or judge the claim from the service's own monitoring "
                                  + "over days, and sign the item off with preflight attest.", null);
        }
        return Outcome.pass(measured, evidence);
    }
}
