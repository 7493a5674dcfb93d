package dev.preflight.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One load run: what to send, how, and its bounds. Every run is bounded in requests and in time; an
 * open-model run also in connections ({@code maxConnections}: a stalled server gets at most that many
 * requests in flight, and the requests behind them wait, their waiting counted in their latency).
 * {@code lateAfter} is how late the generator may start a scheduled request before that request counts
 * as started late by the generator itself.
 */
public record LoadSpec(URI target, Map<String, String> headers, LoadModel model, long maxRequests, Duration maxDuration,
                       Duration timeout, int maxConnections, Duration lateAfter) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_LATE_AFTER = Duration.ofMillis(25);

    public LoadSpec {
        headers = Map.copyOf(headers);
        String scheme = target.getScheme();
        if (target.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("a load target must be an http or https URL: " + target);
        }
        if (maxRequests < 1 || maxDuration.isNegative() || maxDuration.isZero() || maxConnections < 1) {
            throw new IllegalArgumentException("a load run needs positive bounds in requests, time and connections");
        }
    }

    /** A run with the default timeout, connection cap and lateness allowance. */
    public static LoadSpec of(URI target, LoadModel model, long maxRequests, Duration maxDuration) {
        return new LoadSpec(target, Map.of(), model, maxRequests, maxDuration, DEFAULT_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_LATE_AFTER);
    }

    public LoadSpec withTimeout(Duration t) {
        return new LoadSpec(target, headers, model, maxRequests, maxDuration, t, maxConnections, lateAfter);
    }

    public LoadSpec withHeaders(Map<String, String> h) {
        return new LoadSpec(target, h, model, maxRequests, maxDuration, timeout, maxConnections, lateAfter);
    }

    /** The bounds in one line, for announcing the run before it starts and for a plan. */
    public String describe() {
        return "load: GET " + target + ", " + model.describe() + ", at most " + maxRequests + " requests in "
               + maxDuration.toMillis() / 1000.0 + " s (each answer within " + timeout.toMillis() / 1000.0 + " s)";
    }
}
