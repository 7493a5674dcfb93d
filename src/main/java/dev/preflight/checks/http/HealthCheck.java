package dev.preflight.checks.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 * The health, readiness or liveness endpoint an item names answers 2xx promptly with a body that
 * does not report itself down. When the item names none, the usual paths are tried. When the item
 * is about readiness or liveness and both exist, they must be distinct endpoints (a readiness probe
 * that is the liveness probe restarts pods that are merely busy). When the item names the database
 * or Redis, the body must report it up ({@link HealthBody}); an item about that connectivity alone
 * ("Database connectivity verified") is verified from the body when the body reports it.
 */
@CheckInfo(id = "http.health", title = "Health endpoint answers", target = TargetKind.URL, severity = Severity.HIGH,
        phrases = {"health\\s*(check)?\\s*(endpoint|check|verification)", "/health", "\\bhealthz?\\b.*\\bendpoint",
                "readiness probe", "liveness probe", "check service health", "service health", "\\b(database|db|redis) connectivity\\b"},
        params = {"path", "latency"},
        related = {"kubernetes:readinessProbe", "spring-boot:actuator-health", "ietf:draft-inadarei-api-health-check"})
public final class HealthCheck implements Check {
    static final List<String> HEALTH_PATHS = List.of("/health", "/healthz", "/api/health", "/actuator/health", "/status");
    static final List<String> READY_PATHS = List.of("/health/ready", "/ready", "/readyz", "/actuator/health/readiness");
    static final List<String> LIVE_PATHS = List.of("/health/live", "/live", "/livez", "/actuator/health/liveness");
    /** Generous on purpose: a slow health endpoint is a weakness, and a loaded CI machine must not make one up. */
    static final long DEFAULT_PROMPT_MS = 3_000;

    /** A dependency an item may name: the words that name it there, and the names a health body gives it. */
    record Dependency(String label, Pattern inItem, Pattern inBody) {
        Dependency(String label, String inItem, String inBody) {
            this(label, Pattern.compile(inItem, Pattern.CASE_INSENSITIVE), Pattern.compile(inBody));
        }
    }

    static final List<Dependency> DEPENDENCIES = List.of(
            new Dependency("the database", "\\b(database|db|postgres\\w*|mysql|mariadb|sqlite|mongo\\w*)\\b",
                    "db|database|datasource|postgres|postgresql|pg|mysql|mariadb|sqlite|mongo|mongodb|mssql|sqlserver|oracle"),
            new Dependency("Redis", "\\bredis\\b", "redis"));

    private static final Pattern READINESS = Pattern.compile("\\breadiness\\b|/ready", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIVENESS = Pattern.compile("\\bliveness\\b|/live", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABOUT_HEALTH = Pattern.compile("\\bhealth|\\breadiness\\b|\\bliveness\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        boolean aboutReadiness = READINESS.matcher(context.itemText()).find();
        boolean aboutLiveness = LIVENESS.matcher(context.itemText()).find();
        long promptMs = context.params().duration(Param.LATENCY).map(Duration::toMillis).orElse(DEFAULT_PROMPT_MS);
        Optional<String> named = context.params().text(Param.PATH);
        List<String> candidates = named.map(List::of)
                .orElse(aboutReadiness ? READY_PATHS : aboutLiveness ? LIVE_PATHS : HEALTH_PATHS);
        List<Dependency> asked = DEPENDENCIES.stream().filter(d -> d.inItem().matcher(context.itemText()).find()).toList();

        HttpObservation seen = http.firstSuccessful(candidates);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(seen.evidence());
        if (!seen.answered()) {
            return Outcome.error("health endpoint could not be reached: " + seen.failure(), seen.evidence());
        }
        evidence.add(new Evidence.Measurement("latency", seen.durationMs(), "ms"));
        HealthBody body = HealthBody.read(seen.body());
        if (body.overallWord() != null || !body.dependencies().isEmpty()) {
            evidence.add(new Evidence.Note(path(seen) + " reports " + describe(body)));
        }
        if (!asked.isEmpty() && !ABOUT_HEALTH.matcher(context.itemText()).find()) {
            return dependenciesOnly(seen, body, asked, evidence);
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
        if (body.overall() == HealthBody.Health.DOWN) {
            return Outcome.fail(path(seen) + " answered " + seen.status() + " but reports status " + body.overallWord(),
                    "A service that reports itself down should answer 503, so that load balancers and probes act on it; "
                            + "and the failing dependency needs fixing.", evidence);
        }
        List<String> dependencyProblems = new ArrayList<>();
        List<String> dependencyWeaknesses = new ArrayList<>();
        for (Dependency d : asked) {
            List<HealthBody.Dependency> reported = body.matching(d.inBody());
            if (reported.isEmpty()) {
                dependencyProblems.add(path(seen) + " does not report " + d.label());
            }
            for (HealthBody.Dependency r : reported) {
                switch (r.health()) {
                    case DOWN -> dependencyProblems.add(path(seen) + " reports " + r.describe());
                    case DEGRADED, UNKNOWN -> dependencyWeaknesses.add(path(seen) + " reports " + r.describe());
                    case UP -> { }
                }
            }
        }
        if (!dependencyProblems.isEmpty()) {
            return Outcome.fail(String.join("; ", dependencyProblems),
                    "Check each dependency the item names in the health endpoint (a cheap query with a short timeout) and "
                            + "report it by name, as Spring Boot's components or {\"status\":\"ok\",\"db\":\"ok\"} do.", evidence);
        }
        if (seen.durationMs() > promptMs) {
            return Outcome.warn(path(seen) + " answered " + seen.status() + " but took " + seen.durationMs() + " ms (limit " + promptMs + " ms)",
                    "Keep health endpoints cheap: no heavy queries, short timeouts on dependencies.", evidence);
        }
        if (body.overall() == HealthBody.Health.DEGRADED) {
            dependencyWeaknesses.addFirst(path(seen) + " reports status " + body.overallWord());
        }
        if (!dependencyWeaknesses.isEmpty()) {
            return Outcome.warn(String.join("; ", dependencyWeaknesses),
                    "Find out why the service reports itself degraded or cannot tell a dependency's state.", evidence);
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
        String reports = asked.isEmpty() ? "" : ": " + asked.stream()
                .flatMap(d -> body.matching(d.inBody()).stream()).map(HealthBody.Dependency::describe).collect(Collectors.joining(", "));
        return Outcome.pass(path(seen) + " answered " + seen.status() + " in " + seen.durationMs() + " ms" + reports, evidence);
    }

    /**
     * An item about a dependency's connectivity, not about the health endpoint: the body settles it
     * when it reports the dependency, whatever the status code (a 503 that says the database is down
     * is the answer). When it does not, the item is left to the check that connects itself
     * (db.connection, redis.connection): unverified here, never passed.
     */
    private static Outcome dependenciesOnly(HttpObservation seen, HealthBody body, List<Dependency> asked, List<Evidence> evidence) {
        List<String> down = new ArrayList<>();
        List<String> unclear = new ArrayList<>();
        List<String> up = new ArrayList<>();
        for (Dependency d : asked) {
            List<HealthBody.Dependency> reported = body.matching(d.inBody());
            if (reported.isEmpty()) {
                String where = seen.isSuccess() ? path(seen) + " does not report " : "no health endpoint answered to report ";
                return Outcome.unverified(where + d.label() + " (a check that connects to it needs --db)");
            }
            for (HealthBody.Dependency r : reported) {
                (r.health() == HealthBody.Health.DOWN ? down : r.health() == HealthBody.Health.UP ? up : unclear)
                        .add(path(seen) + " reports " + r.describe());
            }
        }
        if (!down.isEmpty()) {
            return Outcome.fail(String.join("; ", down),
                    "The service cannot reach a dependency the item names: check its address, credentials and network path.", evidence);
        }
        if (!unclear.isEmpty()) {
            return Outcome.warn(String.join("; ", unclear), "Report each dependency as up or down in the health body.", evidence);
        }
        return Outcome.pass(String.join("; ", up), evidence);
    }

    private static String describe(HealthBody body) {
        List<String> parts = new ArrayList<>();
        if (body.overallWord() != null) {
            parts.add("status " + body.overallWord());
        }
        body.dependencies().values().forEach(d -> parts.add(d.describe()));
        return String.join(", ", parts);
    }

    private static String path(HttpObservation o) {
        return URI.create(o.url()).getPath();
    }
}
