package dev.preflight.checks.load;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.load.Threshold;

/**
 * A claimed availability ("Uptime > 99.9%") is an error-rate ceiling of its complement, judged like
 * {@link ErrorRateCheck}: only a run of at least 3/(1 - availability) requests without enough
 * failures can support it, so most such claims end "insufficient evidence" with the number needed.
 */
@CheckInfo(id = "load.uptime", title = "Availability over enough requests supports the claimed uptime", target = TargetKind.URL,
        active = true,
        phrases = {"\\buptime\\s*(>|≥|above|of|at least)\\s*\\d", "\\bavailability\\s*(>|≥)", "\\d+(\\.\\d+)?\\s*%\\s*(uptime|availability)"},
        params = {"percentAbove", "path", "scenario"}, selfTimed = true)
public final class UptimeCheck implements Check {
    private final Duration duration;

    public UptimeCheck() {
        this(DefaultRun.DURATION);
    }

    /** A check whose runs last {@code duration}: tests use a short one. */
    UptimeCheck(Duration duration) {
        this.duration = duration;
    }

    @Override
    public Outcome run(CheckContext context) {
        String path = context.params().text(Param.PATH).orElse("/");
        Optional<Double> availability = context.params().percent(Param.PERCENT_ABOVE);
        if (availability.isEmpty() || availability.get() >= 100) {
            return new Outcome(Status.ERROR, "the item names no availability below 100%, so there is nothing a bounded run can support",
                    List.of(), "Write the claim as a percentage, e.g. \"Uptime > 99%\"", null);
        }
        BigDecimal percent = BigDecimal.valueOf(availability.get()).stripTrailingZeros();
        String claim = "availability > " + percent.toPlainString() + "%";
        // In decimal: 100 - 99.9 in doubles is 0.0999999..., which would ask for one request more than 3/0.001.
        Threshold.ErrorRate ceiling = new Threshold.ErrorRate(BigDecimal.valueOf(100).subtract(percent).movePointLeft(2).doubleValue(), false);
        return switch (DefaultRun.send(context, path, duration)) {
            case DefaultRun.Attempt.Ran ran -> {
                Outcome judged = ErrorRateCheck.judge(List.of(ceiling), ran);
                yield new Outcome(judged.status(), claim + " during the run, as " + judged.summary(), judged.evidence(),
                        judged.remediation(), judged.skip());
            }
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
        };
    }
}
