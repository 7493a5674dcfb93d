package dev.preflight.checks.load;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.collect.HttpProbe;
import dev.preflight.load.LoadGenerator;
import dev.preflight.load.LoadModel;
import dev.preflight.load.LoadResult;
import dev.preflight.load.LoadSpec;
import dev.preflight.load.Scenario;

/**
 * How the load checks get their run. An item's own scenario ({@code scenario=api} in its directive or
 * binding) comes first, then preflight.yaml's default one ({@code load.default}, or the only scenario
 * there is); without one, a modest built-in run: the open model at 20 requests a second to the endpoint
 * the item names, for 15 s. The generator has sockets of its own, so the probe's scope rule is asked
 * first; the run's bounds are announced (or, under --plan, recorded) as it starts, and its progress told
 * as it goes; checks that ask for the same run share it, and different runs take turns.
 */
final class DefaultRun {
    static final double RATE = 20;
    static final Duration DURATION = Duration.ofSeconds(15);
    /** The built-in run's name on the progress line, where a scenario's shows its own. */
    private static final String BUILT_IN = "built-in";

    /** What came of asking for a run: its result and what it was, or the outcome that says why it was not sent. */
    sealed interface Attempt {
        /** {@code scenario} is empty for the built-in run. */
        record Ran(LoadResult result, Optional<Scenario> scenario) implements Attempt {
            /** Where the run came from, for the evidence. */
            String source() {
                return scenario.map(s -> s.label()).orElse("the built-in run (no load scenario in preflight.yaml applies)");
            }
        }

        record NotSent(Outcome outcome) implements Attempt {
        }
    }

    private DefaultRun() {
    }

    /** The item's scenario, or the default one, or the built-in open-model run of {@code duration} to {@code path}. */
    static Attempt send(CheckContext context, String path, Duration duration) {
        return send(context, path, s -> true, new LoadModel.Open(RATE), (long) Math.ceil(RATE * duration.toNanos() / 1e9), duration);
    }

    /**
     * The item's scenario; or the default one when {@code fits} it; or a built-in run of {@code model}
     * to {@code path}, bounded by {@code maxRequests} and {@code duration}.
     */
    static Attempt send(CheckContext context, String path, java.util.function.Predicate<Scenario> fits, LoadModel model, long maxRequests,
                        Duration duration) {
        return send(context, path, fits, model, maxRequests, duration, true);
    }

    /**
     * As {@link #send(CheckContext, String, Duration)}, but a run of its own, never another check's:
     * for a check that reads the service around the run, inside {@code LoadRuns.alone}.
     */
    static Attempt sendUnshared(CheckContext context, String path, Duration duration) {
        return send(context, path, s -> true, new LoadModel.Open(RATE), (long) Math.ceil(RATE * duration.toNanos() / 1e9), duration, false);
    }

    private static Attempt send(CheckContext context, String path, java.util.function.Predicate<Scenario> fits, LoadModel model,
                                long maxRequests, Duration duration, boolean shared) {
        Optional<Scenario> scenario;
        try {
            scenario = scenario(context, fits);
        } catch (IllegalArgumentException unknown) {
            return new Attempt.NotSent(Outcome.error(unknown.getMessage()));
        }
        HttpProbe http = context.http();
        Function<URI, LoadSpec> spec = scenario.<Function<URI, LoadSpec>>map(s -> origin -> s.spec(origin, http.givenHeaders()))
                .orElse(origin -> LoadSpec.of(origin.resolve(path), model, maxRequests, duration)
                        .withTimeout(http.timeout()).withHeaders(http.givenHeaders()));
        URI target = http.resolve(scenario.isPresent() ? "/" : path);
        if (!http.inScope(target)) {
            return new Attempt.NotSent(Outcome.error("not sent: " + target.getHost() + " is not among the hosts given with --url"));
        }
        LoadSpec run = spec.apply(target);
        if (http.planning()) {
            context.load().plan(run, () -> http.announce(run.describe()));
            return new Attempt.NotSent(Outcome.error("not sent (--plan)"));
        }
        java.util.function.Supplier<LoadResult> send = () -> {
            http.announce(run.describe());
            return LoadGenerator.run(run, "https".equalsIgnoreCase(target.getScheme()) ? http.sslContext().getSocketFactory() : null,
                    context.load().progress(scenario.map(Scenario::name).orElse(BUILT_IN)));
        };
        LoadResult result = shared ? context.load().run(run, send) : send.get();
        return new Attempt.Ran(result, scenario);
    }

    /** The scenario the item names, or the default one when {@code fits} it. */
    static Optional<Scenario> scenario(CheckContext context, java.util.function.Predicate<Scenario> fits) {
        var scenarios = context.load().scenarios();
        Optional<String> named = context.params().text(Param.SCENARIO);
        return named.isPresent() ? Optional.of(scenarios.named(named.get())) : scenarios.standard().filter(fits);
    }
}
