package dev.preflight.checks.load;

import java.net.URI;
import java.time.Duration;

import dev.preflight.check.Outcome;
import dev.preflight.collect.HttpProbe;
import dev.preflight.load.LoadGenerator;
import dev.preflight.load.LoadModel;
import dev.preflight.load.LoadResult;
import dev.preflight.load.LoadSpec;

/**
 * How the load checks send a run. The default is modest: the open model at 20 requests a second to
 * one endpoint, for 15 s. The generator has sockets of its own, so the probe's
 * scope rule is asked first and the run's bounds are announced (or, under --plan, recorded) before it starts.
 */
final class DefaultRun {
    static final double RATE = 20;
    static final Duration DURATION = Duration.ofSeconds(15);

    /** What came of asking for a run: its result, or the outcome that says why it was not sent. */
    sealed interface Attempt {
        record Ran(LoadResult result) implements Attempt {
        }

        record NotSent(Outcome outcome) implements Attempt {
        }
    }

    private DefaultRun() {
    }

    /** The default open-model run of {@code duration}. */
    static Attempt send(HttpProbe http, String path, Duration duration) {
        return send(http, path, new LoadModel.Open(RATE), (long) Math.ceil(RATE * duration.toNanos() / 1e9), duration);
    }

    static Attempt send(HttpProbe http, String path, LoadModel model, long maxRequests, Duration duration) {
        URI target = http.resolve(path);
        if (!http.inScope(target)) {
            return new Attempt.NotSent(Outcome.error("not sent: " + target.getHost() + " is not among the hosts given with --url"));
        }
        LoadSpec spec = LoadSpec.of(target, model, maxRequests, duration)
                .withTimeout(http.timeout()).withHeaders(http.givenHeaders());
        http.announce(spec.describe());
        if (http.planning()) {
            return new Attempt.NotSent(Outcome.error("not sent (--plan)"));
        }
        return new Attempt.Ran(LoadGenerator.run(spec, "https".equalsIgnoreCase(target.getScheme())
                ? http.sslContext().getSocketFactory() : null));
    }
}
