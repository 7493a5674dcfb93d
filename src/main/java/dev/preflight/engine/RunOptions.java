package dev.preflight.engine;

import java.time.Duration;
import java.util.Map;

import dev.preflight.collect.RequestLog;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.load.Scenarios;

/**
 * How a run behaves: whether active probes may run, the time one check and the whole run may take,
 * the request headers every probe carries (credentials: never reported), the TLS trust
 * ({@code trust} null: the system's), the directory of OSV advisories to match dependencies against
 * ({@code osv} null: none given), and, for {@code --plan}, where to record the requests the run would
 * send instead of sending them ({@code plan} null: send), and the load scenarios of preflight.yaml.
 */
public record RunOptions(boolean active, Duration checkTimeout, Duration runDeadline, Map<String, String> headers,
                         Duration requestTimeout, TrustMaterial trust, java.nio.file.Path osv, RequestLog plan, Scenarios scenarios) {

    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RUN_DEADLINE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RunOptions {
        headers = Map.copyOf(headers);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, DEFAULT_CHECK_TIMEOUT, DEFAULT_RUN_DEADLINE, Map.of(), DEFAULT_REQUEST_TIMEOUT, null, null, null,
                Scenarios.NONE);
    }
}
