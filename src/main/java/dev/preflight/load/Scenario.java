package dev.preflight.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named load scenario from preflight.yaml, checked and ready to run against any origin: the requests it
 * mixes, how it sends them, its bounds, and the thresholds it is judged by ({@code abortOnFail}: stop as
 * soon as one can no longer be met). {@code where} is the file and line it is written at.
 */
public record Scenario(String name, String where, List<LoadRequest> requests, LoadModel model, Duration duration, Duration warmup,
                       Duration ramp, long maxRequests, Duration timeout, List<Threshold> thresholds, boolean abortOnFail,
                       boolean uploads) {
    public Scenario {
        requests = List.copyOf(requests);
        thresholds = List.copyOf(thresholds);
    }

    /** The run this scenario makes against {@code origin}, every request carrying {@code headers} as well as its own. */
    public LoadSpec spec(URI origin, Map<String, String> headers) {
        return new LoadSpec(origin.resolve("/"), requests, headers, model, maxRequests, duration, timeout,
                LoadSpec.DEFAULT_MAX_CONNECTIONS, LoadSpec.DEFAULT_LATE_AFTER, warmup, ramp, abortOnFail ? thresholds : List.of());
    }

    /** The latency thresholds among this scenario's. */
    public List<Threshold> latencyThresholds() {
        return thresholds.stream().filter(t -> t instanceof Threshold.Latency).toList();
    }

    /** The error-rate thresholds among this scenario's. */
    public List<Threshold> errorRateThresholds() {
        return thresholds.stream().filter(t -> t instanceof Threshold.ErrorRate).toList();
    }

    /** "scenario 'api' (preflight.yaml:12)". */
    public String label() {
        return "scenario '" + name + "' (" + where + ")";
    }

    /** The request kind whose path is {@code path}, if this scenario sends one. */
    public Optional<LoadRequest> sending(String path) {
        return requests.stream().filter(r -> r.path().equals(path) || r.path().startsWith(path + "?")).findFirst();
    }
}
