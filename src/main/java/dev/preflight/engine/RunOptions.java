package dev.preflight.engine;

import java.time.Duration;
import java.util.Map;

/**
 * How a run behaves: whether active probes may run, the time one check and the whole run may take,
 * the request headers every probe carries (credentials: never reported), and the TLS trust
 * ({@code ssl} null: the system's), and the directory of OSV advisories to match dependencies against
 * ({@code osv} null: none given).
 */
public record RunOptions(boolean active, Duration checkTimeout, Duration runDeadline, Map<String, String> headers,
                         Duration requestTimeout, javax.net.ssl.SSLContext ssl, java.nio.file.Path osv) {

    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RUN_DEADLINE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RunOptions {
        headers = Map.copyOf(headers);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, DEFAULT_CHECK_TIMEOUT, DEFAULT_RUN_DEADLINE, Map.of(), DEFAULT_REQUEST_TIMEOUT, null, null);
    }
}
