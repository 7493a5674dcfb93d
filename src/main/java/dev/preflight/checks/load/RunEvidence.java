package dev.preflight.checks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.load.ErrorKind;
import dev.preflight.load.LoadResult;
import dev.preflight.load.Threshold;

/** What every load check shows of its run, and the verdicts that come before any threshold. */
final class RunEvidence {
    private RunEvidence() {
    }

    /** Where the run came from, each threshold with its measured value, the run's figures, and its latency profile. */
    static List<Evidence> of(DefaultRun.Attempt.Ran ran, List<Threshold.Judgement> judgements) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("run: " + ran.source()));
        judgements.forEach(j -> evidence.add(new Evidence.Note(j.line())));
        ran.result().lines().forEach(line -> evidence.add(new Evidence.Note(line)));
        evidence.add(Evidence.LatencyProfile.of(ran.result()));
        return evidence;
    }

    /** ERROR when the figures are not the server's (the generator saturated) or nothing was answered at all. */
    static Optional<Outcome> inconclusive(LoadResult result, List<Evidence> evidence) {
        Optional<String> saturation = result.saturation();
        if (saturation.isPresent()) {
            return Optional.of(Outcome.error("inconclusive: generator saturated (" + saturation.get() + "): the figures are Preflight's, "
                                             + "not the server's", evidence.toArray(Evidence[]::new)));
        }
        long unanswered = result.errors().entrySet().stream()
                .filter(e -> e.getKey() != ErrorKind.STATUS_4XX && e.getKey() != ErrorKind.STATUS_5XX)
                .mapToLong(e -> e.getValue()).sum();
        if (result.sent() > 0 && unanswered == result.sent()) {
            return Optional.of(Outcome.error("no request of the run was answered (" + result.sent() + " sent)",
                    evidence.toArray(Evidence[]::new)));
        }
        return Optional.empty();
    }

    /** "p(95)<200ms: measured 12.40 ms; p(99)<1s: measured 80.10 ms". */
    static String measured(List<Threshold.Judgement> judgements) {
        return String.join("; ", judgements.stream().map(j -> j.threshold().text() + ": measured " + j.measured()).toList());
    }

    /** What the run was sent to: the built-in run's path, or the scenario. */
    static String where(DefaultRun.Attempt.Ran ran) {
        return ran.scenario().map(s -> "scenario '" + s.name() + "'").orElse(ran.result().spec().requests().getFirst().path());
    }

    /** "40 requests to /api at open model, 20 requests a second". */
    static String run(DefaultRun.Attempt.Ran ran) {
        LoadResult r = ran.result();
        return String.format(java.util.Locale.ROOT, "%d requests %s at %s", r.sent(),
                ran.scenario().isPresent() ? "of " + where(ran) : "to " + where(ran), r.spec().model().describe());
    }
}
