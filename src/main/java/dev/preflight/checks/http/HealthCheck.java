package dev.preflight.checks.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * The health, readiness or liveness endpoint an item names answers 2xx promptly with a body. When
 * the item names none, the usual paths are tried. When the item is about readiness or liveness and
 * both exist, they must be distinct endpoints (a readiness probe that is the liveness probe restarts
 * pods that are merely busy).
 */
@CheckInfo(id = "http.health", title = "Health endpoint answers", target = TargetKind.URL, severity = Severity.HIGH,
        phrases = {"health\\s*(check)?\\s*(endpoint|check|verification)", "/health", "\\bhealthz?\\b.*\\bendpoint",
                "readiness probe", "liveness probe", "check service health", "service health"},
        params = {"path", "latency"},
        related = {"kubernetes:readinessProbe", "spring-boot:actuator-health"})
public final class HealthCheck implements Check {
    static final List<String> HEALTH_PATHS = List.of("/health", "/healthz", "/api/health", "/actuator/health", "/status");
    static final List<String> READY_PATHS = List.of("/health/ready", "/ready", "/readyz", "/actuator/health/readiness");
    static final List<String> LIVE_PATHS = List.of("/health/live", "/live", "/livez", "/actuator/health/liveness");
    /** Generous on purpose: a slow health endpoint is a weakness, and a loaded CI machine must not make one up. */
    static final long DEFAULT_PROMPT_MS = 3_000;

    private static final Pattern READINESS = Pattern.compile("\\breadiness\\b|/ready", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIVENESS = Pattern.compile("\\bliveness\\b|/live", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        boolean aboutReadiness = READINESS.matcher(context.itemText()).find();
        boolean aboutLiveness = LIVENESS.matcher(context.itemText()).find();
        long promptMs = context.params().duration(Param.LATENCY).map(Duration::toMillis).orElse(DEFAULT_PROMPT_MS);
        Optional<String> named = context.params().text(Param.PATH);
        List<String> candidates = named.map(List::of)
                .orElse(aboutReadiness ? READY_PATHS : aboutLiveness ? LIVE_PATHS : HEALTH_PATHS);

        HttpObservation seen = http.firstSuccessful(candidates);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(seen.evidence());
        if (!seen.answered()) {
            return Outcome.error("health endpoint could not be reached: " + seen.failure(), seen.evidence());
        }
        if (!seen.isSuccess()) {
            return Outcome.fail("no health endpoint answered 2xx (tried " + String.join(", ", candidates) + ")",
                    "Serve a health endpoint that answers 200 with a short body, or name its path in the item: "
                            + "<!-- preflight: http.health path=/your/health -->", evidence);
        }
        if (seen.body().isBlank()) {
            return Outcome.fail(path(seen) + " answered " + seen.status() + " with an empty body",
                    "Return a small body such as {\"status\":\"ok\"} so that monitors can tell a real answer from a proxy's.",
                    evidence);
        }
        if (seen.durationMs() > promptMs) {
            return Outcome.warn(path(seen) + " answered " + seen.status() + " but took " + seen.durationMs() + " ms (limit " + promptMs + " ms)",
                    "Keep health endpoints cheap: no heavy queries, short timeouts on dependencies.", evidence);
        }
        if (aboutReadiness || aboutLiveness) {
            // An item about both probes that names one path says that path serves both.
            HttpObservation ready = aboutReadiness ? seen : http.firstSuccessful(READY_PATHS);
            HttpObservation live = aboutLiveness && (named.isPresent() || !aboutReadiness) ? seen : http.firstSuccessful(LIVE_PATHS);
            if (ready.isSuccess() && live.isSuccess()) {
                if (path(ready).equals(path(live))) {
                    return Outcome.fail("readiness and liveness are the same endpoint (" + path(ready) + ")",
                            "Serve readiness (ready to take traffic: dependencies reachable) and liveness (the process "
                                    + "is not stuck) on distinct paths, e.g. /health/ready and /health/live.", evidence);
                }
                evidence.add(ready == seen ? live.evidence() : ready.evidence());
                return Outcome.pass("readiness " + path(ready) + " and liveness " + path(live) + " answer 2xx on distinct paths"
                        + " (" + seen.durationMs() + " ms)", evidence);
            }
        }
        return Outcome.pass(path(seen) + " answered " + seen.status() + " in " + seen.durationMs() + " ms", evidence);
    }

    private static String path(HttpObservation o) {
        return URI.create(o.url()).getPath();
    }
}
