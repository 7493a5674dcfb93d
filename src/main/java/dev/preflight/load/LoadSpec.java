package dev.preflight.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One load run: what to send, how, and its bounds. Every run is bounded in requests and in time
 * (warm-up included); an open-model run also in connections ({@code maxConnections}: a stalled server
 * gets at most that many requests in flight, and the requests behind them wait, their waiting counted in
 * their latency). {@code lateAfter} is how late the generator may start a scheduled request before that
 * request counts as started late by the generator itself. The first {@code warmup} of the run is sent but
 * not measured; over the first {@code ramp} the rate (open model) or the number of connections (closed)
 * climbs from none to full. A threshold in {@code abortWhenLost} ends the run as soon as it can no
 * longer be met whatever the rest of the run measures.
 */
public record LoadSpec(URI origin, List<LoadRequest> requests, Map<String, String> headers, LoadModel model, long maxRequests,
                       Duration maxDuration, Duration timeout, int maxConnections, Duration lateAfter, Duration warmup, Duration ramp,
                       List<Threshold> abortWhenLost) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_LATE_AFTER = Duration.ofMillis(25);

    public LoadSpec {
        headers = Map.copyOf(headers);
        requests = List.copyOf(requests);
        abortWhenLost = List.copyOf(abortWhenLost);
        String scheme = origin.getScheme();
        if (origin.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("a load target must be an http or https URL: " + origin);
        }
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a load run needs at least one request to send");
        }
        if (maxRequests < 1 || !positive(maxDuration) || maxConnections < 1 || !positive(timeout)) {
            throw new IllegalArgumentException("a load run needs positive bounds in requests, time, connections and answer time");
        }
        if (warmup.isNegative() || ramp.isNegative() || warmup.compareTo(maxDuration) >= 0) {
            throw new IllegalArgumentException("warm-up and ramp are 0 or more, and the warm-up is shorter than the run");
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** A run of GETs to {@code target} with the default timeout, connection cap and lateness allowance. */
    public static LoadSpec of(URI target, LoadModel model, long maxRequests, Duration maxDuration) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) {
            path += "?" + target.getRawQuery();
        }
        return new LoadSpec(target.resolve("/"), List.of(LoadRequest.get(path)), Map.of(), model, maxRequests, maxDuration,
                DEFAULT_TIMEOUT, DEFAULT_MAX_CONNECTIONS, DEFAULT_LATE_AFTER, Duration.ZERO, Duration.ZERO, List.of());
    }

    public LoadSpec withTimeout(Duration t) {
        return new LoadSpec(origin, requests, headers, model, maxRequests, maxDuration, t, maxConnections, lateAfter, warmup, ramp,
                abortWhenLost);
    }

    public LoadSpec withHeaders(Map<String, String> h) {
        return new LoadSpec(origin, requests, h, model, maxRequests, maxDuration, timeout, maxConnections, lateAfter, warmup, ramp,
                abortWhenLost);
    }

    public LoadSpec withLateAfter(Duration late, int connections) {
        return new LoadSpec(origin, requests, headers, model, maxRequests, maxDuration, timeout, connections, late, warmup, ramp,
                abortWhenLost);
    }

    public LoadSpec withPhases(Duration warm, Duration climb) {
        return new LoadSpec(origin, requests, headers, model, maxRequests, maxDuration, timeout, maxConnections, lateAfter, warm, climb,
                abortWhenLost);
    }

    public LoadSpec abortingWhenLost(List<Threshold> thresholds) {
        return new LoadSpec(origin, requests, headers, model, maxRequests, maxDuration, timeout, maxConnections, lateAfter, warmup, ramp,
                thresholds);
    }

    /** The URL of a run of one request kind, or the origin of a mixed one: what the run is reported against. */
    public URI target() {
        return requests.size() == 1 ? origin.resolve(requests.getFirst().path()) : origin;
    }

    /**
     * The most requests the run can send: its request bound, or for the open model its schedule's
     * length when that is shorter. What "already lost" is judged against.
     */
    public long plannedRequests() {
        if (model instanceof LoadModel.Open open) {
            Schedule schedule = new Schedule(open.perSecond(), ramp);
            return Math.min(maxRequests, schedule.requestsBefore(maxDuration.toNanos()));
        }
        return maxRequests;
    }

    /** The bounds in one line, for announcing the run before it starts and for a plan. */
    public String describe() {
        String what = requests.size() == 1 ? requests.getFirst().describe(target().toString())
                : origin + ": " + requests.stream().map(r -> r.describe(r.path()) + " ×" + r.weight()).collect(Collectors.joining(", "));
        StringBuilder phases = new StringBuilder();
        if (!warmup.isZero()) {
            phases.append(", warm-up ").append(seconds(warmup)).append(" (not measured)");
        }
        if (!ramp.isZero()) {
            phases.append(", ramp ").append(seconds(ramp));
        }
        return "load: " + what + ", " + model.describe() + phases + ", at most " + maxRequests + " requests in "
               + seconds(maxDuration) + " (each answer within " + seconds(timeout) + ")";
    }

    static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s)) + " s";
    }
}
