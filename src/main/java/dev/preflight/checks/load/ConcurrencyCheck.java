package dev.preflight.checks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.load.ErrorKind;
import dev.preflight.load.LoadModel;
import dev.preflight.load.LoadResult;
import dev.preflight.load.Scenario;

/**
 * Concurrent requests are served without errors: a closed-model run, {@link #CONNECTIONS} connections
 * each sending, waiting and repeating, bounded in requests and time; or the item's load scenario. An item
 * about concurrent uploads needs a scenario that uploads a file: GETs would not verify it, so without
 * one it stays unverified.
 */
@CheckInfo(id = "load.concurrency", title = "Concurrent requests are served without errors", target = TargetKind.URL,
        active = true,
        phrases = {"concurren(t|cy)", "\\bload test", "\\bsimultaneous (requests|users|uploads)", "\\bstress test"},
        params = {"path", "duration", "scenario"}, selfTimed = true,
        related = {"wrk", "hey"})
public final class ConcurrencyCheck implements Check {
    static final int CONNECTIONS = 10;
    static final long MAX_REQUESTS = 2_000;
    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    static final Duration MAX_DURATION = Duration.ofSeconds(20);
    private static final Pattern UPLOADS = Pattern.compile("\\buploads?\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        boolean uploads = UPLOADS.matcher(context.itemText()).find();
        Predicate<Scenario> fits = s -> s.model() instanceof LoadModel.Closed && (!uploads || s.uploads());
        Optional<Scenario> scenario;
        try {
            scenario = DefaultRun.scenario(context, fits);
        } catch (IllegalArgumentException unknown) {
            return Outcome.error(unknown.getMessage());
        }
        if (uploads && !scenario.map(Scenario::uploads).orElse(false)) {
            return Outcome.unverified("concurrent uploads need a load scenario that uploads a file: write one in preflight.yaml "
                                      + "(a request with file: under load.scenarios) and name it on the item with scenario=NAME");
        }
        String path = context.params().text(Param.PATH).orElse("/");
        Duration asked = context.params().duration(Param.DURATION).orElse(DEFAULT_DURATION);
        Duration duration = asked.compareTo(MAX_DURATION) > 0 ? MAX_DURATION : asked;
        return switch (DefaultRun.send(context, path, fits, new LoadModel.Closed(CONNECTIONS), MAX_REQUESTS, duration)) {
            case DefaultRun.Attempt.Ran ran -> judge(ran, ran.scenario().isEmpty() && !asked.equals(duration) ? asked : null);
            case DefaultRun.Attempt.NotSent notSent -> notSent.outcome();
        };
    }

    static Outcome judge(DefaultRun.Attempt.Ran ran, Duration shortened) {
        LoadResult result = ran.result();
        List<Evidence> evidence = new ArrayList<>(RunEvidence.of(ran, List.of()));
        if (shortened != null) {
            evidence.add(new Evidence.Note("the item asks for " + shortened.toSeconds() + " s; an active check runs at most "
                                           + MAX_DURATION.toSeconds() + " s"));
        }
        Map<ErrorKind, Long> errors = result.errors();
        String run = String.format(Locale.ROOT, "%d requests %s over %d connections at once, %.0f a second", result.sent(),
                (ran.scenario().isPresent() ? "of " : "to ") + RunEvidence.where(ran), result.connections(), result.throughput());
        if (result.saturated()) {
            return RunEvidence.inconclusive(result, evidence).orElseThrow();
        }
        long unanswered = errors.get(ErrorKind.CONNECT) + errors.get(ErrorKind.RESET) + errors.get(ErrorKind.TIMEOUT)
                          + errors.get(ErrorKind.PROTOCOL);
        if (result.sent() > 0 && errors.get(ErrorKind.CONNECT) == result.sent()) {
            return Outcome.error("no connection could be made (" + run + ")", evidence.toArray(Evidence[]::new));
        }
        if (unanswered + errors.get(ErrorKind.STATUS_5XX) > 0) {
            return Outcome.fail(kinds(errors) + " in " + run, "Find the limit that concurrency reaches (worker count, connection "
                                + "pool, proxy timeouts, file descriptors) in the server's logs for the same seconds, and raise it.",
                    evidence);
        }
        if (errors.get(ErrorKind.STATUS_4XX) > 0) {
            return Outcome.warn(kinds(errors) + " in " + run + ": a rate limit or a path that does not exist, not the server failing",
                    "Name an endpoint that answers 2xx, e.g. <!-- preflight: load.concurrency path=/api/items -->, "
                    + "or raise the rate limit for the test.", evidence);
        }
        return Outcome.pass("no errors in " + run, evidence);
    }

    private static String kinds(Map<ErrorKind, Long> errors) {
        return errors.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }
}
