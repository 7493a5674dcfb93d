package dev.preflight.checks.http;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * Admin, Spring Boot Actuator, debug and API-docs endpoints answer only as the item wants. A bounded
 * list of well-known paths is fetched with GET; the item's words say which kinds it is about and
 * whether it wants them ("Test OpenAPI docs access") or wants them gone ("Admin panel not exposed").
 * Debug endpoints, debug pages and sensitive actuator endpoints are never wanted.
 */
@CheckInfo(id = "http.exposure", title = "Admin, debug and docs endpoints are exposed only as the item wants", target = TargetKind.URL,
        severity = Severity.HIGH,
        phrases = {"openapi", "swagger", "\\b(admin|debug|actuator) (endpoints?|panel|interface|pages?)", "exposed endpoints",
                "\\bdocs access", "\\bdocs\\b.*\\bauto-generated at /"},
        params = {"path"},
        related = {"spring-boot:actuator-exposure", "owasp:WSTG-CONF-05", "owasp-api:API8:2023"})
public final class ExposureCheck implements Check {

    enum Kind {
        DOCS("API docs", "openapi|swagger|redoc|\\bdocs\\b|api[- ]doc"),
        ADMIN("admin", "\\badmin"),
        ACTUATOR("actuator", "actuator"),
        DEBUG("debug", "\\bdebug");

        final String label;
        final Pattern named;

        Kind(String label, String named) {
            this.label = label;
            this.named = Pattern.compile(named, Pattern.CASE_INSENSITIVE);
        }
    }

    /** What the item says about a kind of endpoint. */
    enum Intent { WANTED, HIDDEN, PROTECTED, UNSTATED }

    /** How an endpoint that exists answers: openly, behind a login, or with a framework debug page. */
    enum Level { OPEN, LOGIN, DEBUG_PAGE }

    record Finding(Kind kind, String path, Level level, String what, HttpObservation seen) {
        String describe() {
            return what + " at " + path + " (" + seen.status() + ")";
        }
    }

    /**
     * The paths tried, per kind. /actuator/heapdump is judged from the actuator's index and never
     * fetched: each GET of it makes the JVM write a full heap dump, pausing the service.
     */
    static final Map<Kind, List<String>> PATHS = Map.of(
            Kind.DOCS, List.of("/docs", "/redoc", "/openapi.json", "/swagger-ui.html", "/api-docs", "/v3/api-docs"),
            Kind.ADMIN, List.of("/admin", "/admin/"),
            Kind.ACTUATOR, List.of("/actuator", "/actuator/env"),
            Kind.DEBUG, List.of("/console", "/debug", "/__debug__/", "/debug/pprof/"));

    /** Actuator endpoints that say nothing an outsider can use; any other one exposed is a finding. */
    static final Set<String> HARMLESS_ACTUATOR_LINKS = Set.of("self", "health", "health-path", "info");

    private static final Pattern PROTECTED = Pattern.compile(
            "\\b(secured?|protected|authenticat\\w*|auth|login|password|require[sd]?)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "\\b(not|no|never|disabled?|off|hid(e|den)|restrict(ed)?|block(ed)?|remov(e|ed)|closed|internal)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCS_BODY = Pattern.compile("swagger-ui|redoc|\"openapi\"\\s*:|\"swagger\"\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCS_REDIRECT = Pattern.compile("swagger|redoc|api-docs", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOGIN_REDIRECT = Pattern.compile("log-?in|sign-?in|sign_in|auth", Pattern.CASE_INSENSITIVE);
    private static final Pattern PASSWORD_FIELD = Pattern.compile("type\\s*=\\s*[\"']?password", Pattern.CASE_INSENSITIVE);
    private static final Pattern PPROF = Pattern.compile("Types of profiles available|/debug/pprof/goroutine");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        String item = context.itemText();
        Optional<String> named = context.params().text(Param.PATH);
        Map<Kind, Intent> asked = intents(item);

        List<Evidence> evidence = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Set<String> leaksSeen = new LinkedHashSet<>();
        List<String> tried = new ArrayList<>();
        int answered = 0;
        String failure = null;
        CatchAll catchAll = new CatchAll(http, evidence);
        for (Map.Entry<Kind, Intent> e : asked.entrySet()) {
            Kind kind = e.getKey();
            boolean wanted = e.getValue() == Intent.WANTED;
            for (String path : paths(kind, named, wanted)) {
                HttpObservation seen = http.get(path);
                tried.add(path);
                evidence.add(seen.evidence());
                if (!seen.answered()) {
                    failure = seen.failure();
                    continue;
                }
                answered++;
                Optional<Finding> found = look(kind, path, seen, named.isPresent() && wanted, catchAll);
                if (found.isEmpty()) {
                    continue;
                }
                if (found.get().level() == Level.DEBUG_PAGE) {
                    // Django's DEBUG page answers every path: once is enough to say so.
                    if (leaksSeen.add(found.get().what())) {
                        findings.add(found.get());
                    }
                    continue;
                }
                findings.add(found.get());
                if (wanted) {
                    break;
                }
            }
        }
        if (answered == 0) {
            return Outcome.error("no endpoint could be reached: " + failure, evidence.toArray(Evidence[]::new));
        }
        return grade(asked, findings, named, tried.size(), evidence);
    }

    /** The findings judged against what the item wants of each kind. */
    private static Outcome grade(Map<Kind, Intent> asked, List<Finding> findings, Optional<String> named, int tried, List<Evidence> evidence) {
        List<String> fails = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        for (Map.Entry<Kind, Intent> e : asked.entrySet()) {
            Kind kind = e.getKey();
            List<Finding> mine = findings.stream().filter(f -> f.kind() == kind && f.level() != Level.DEBUG_PAGE).toList();
            String listed = mine.stream().map(Finding::describe).collect(Collectors.joining(", "));
            switch (e.getValue()) {
                case WANTED -> {
                    if (mine.isEmpty()) {
                        fails.add("no " + kind.label + " endpoint answers (tried " + String.join(", ", paths(kind, named, true)) + ")");
                    } else {
                        passes.add(listed);
                    }
                }
                case HIDDEN -> {
                    if (!mine.isEmpty()) {
                        fails.add("exposed: " + listed);
                    }
                }
                case PROTECTED -> {
                    for (Finding f : mine) {
                        if (f.level() == Level.OPEN) {
                            fails.add("open without a login: " + f.describe());
                        } else {
                            passes.add(f.describe());
                        }
                    }
                }
                case UNSTATED -> {
                    if (kind == Kind.DEBUG || kind == Kind.ACTUATOR) {
                        mine.forEach(f -> fails.add("exposed: " + f.describe()));
                    } else if (!mine.isEmpty()) {
                        warns.add("reachable: " + listed);
                    }
                }
            }
        }
        findings.stream().filter(f -> f.level() == Level.DEBUG_PAGE).forEach(f -> fails.add("debug page: " + f.describe()));

        if (!fails.isEmpty()) {
            return Outcome.fail(String.join("; ", fails),
                    "Turn debug mode off in production; expose only health and info from Spring Boot Actuator "
                            + "(management.endpoints.web.exposure.include=health,info); serve admin and API docs only where "
                            + "the item wants them, behind a login or on an internal address.", evidence);
        }
        if (!warns.isEmpty()) {
            return Outcome.warn(String.join("; ", warns) + " (the item does not say whether they should be)",
                    "Say on the item whether these endpoints should be public (\"API docs at /docs\") or not (\"admin not exposed\"), "
                            + "or restrict them to an internal network.", evidence);
        }
        if (!passes.isEmpty()) {
            return Outcome.pass(String.join("; ", passes), evidence);
        }
        return Outcome.pass("none of the " + tried + " " + asked.keySet().stream().map(k -> k.label)
                .collect(Collectors.joining(", ")) + " paths tried answers", evidence);
    }

    /** The kinds the item names and what it wants of each; an item that names none is about all of them. */
    static Map<Kind, Intent> intents(String item) {
        Map<Kind, Intent> asked = new LinkedHashMap<>();
        Intent stated = PROTECTED.matcher(item).find() ? Intent.PROTECTED : HIDDEN.matcher(item).find() ? Intent.HIDDEN : null;
        for (Kind kind : Kind.values()) {
            if (kind.named.matcher(item).find()) {
                boolean canBeWanted = kind == Kind.DOCS || kind == Kind.ADMIN;
                asked.put(kind, stated != null ? stated : canBeWanted ? Intent.WANTED : Intent.UNSTATED);
            }
        }
        if (asked.isEmpty()) {
            for (Kind kind : Kind.values()) {
                asked.put(kind, stated != null ? stated : Intent.UNSTATED);
            }
        }
        return asked;
    }

    /** The item's path is where the endpoint it wants lives; for an endpoint it does not want, it is one more place to look. */
    private static List<String> paths(Kind kind, Optional<String> named, boolean wanted) {
        if (named.isEmpty()) {
            return PATHS.get(kind);
        }
        if (wanted) {
            return List.of(named.get());
        }
        List<String> paths = new ArrayList<>(List.of(named.get()));
        PATHS.get(kind).stream().filter(p -> !p.equals(named.get())).forEach(paths::add);
        return paths;
    }

    private static Optional<Finding> look(Kind kind, String path, HttpObservation seen, boolean namedByItem, CatchAll catchAll) {
        Optional<ErrorLeaks.Leak> leak = ErrorLeaks.find(seen.body());
        if (leak.isPresent()) {
            return found(kind, path, Level.DEBUG_PAGE, leak.get().what(), seen);
        }
        if (seen.isRedirect()) {
            String location = seen.header("location").orElse("");
            if (LOGIN_REDIRECT.matcher(location).find()) {
                return found(kind, path, Level.LOGIN, kind.label + " login (redirect to " + pathOf(location) + ")", seen);
            }
            if (kind == Kind.DOCS && DOCS_REDIRECT.matcher(location).find()) {
                return found(kind, path, Level.OPEN, "API docs (redirect to " + pathOf(location) + ")", seen);
            }
            return Optional.empty();
        }
        if (!seen.isSuccess()) {
            return Optional.empty();
        }
        return switch (kind) {
            case DOCS -> DOCS_BODY.matcher(seen.body()).find() || namedByItem && !catchAll.serves(seen)
                    ? found(kind, path, Level.OPEN, "API docs", seen) : Optional.empty();
            case ACTUATOR -> actuator(path, seen).flatMap(what -> found(kind, path, Level.OPEN, what, seen));
            case DEBUG -> PPROF.matcher(seen.body()).find() ? found(kind, path, Level.OPEN, "Go pprof profiles", seen)
                    : catchAll.serves(seen) ? Optional.empty() : found(kind, path, Level.OPEN, "debug endpoint", seen);
            case ADMIN -> catchAll.serves(seen) ? Optional.empty()
                    : PASSWORD_FIELD.matcher(seen.body()).find() ? found(kind, path, Level.LOGIN, "admin login page", seen)
                    : found(kind, path, Level.OPEN, "admin page", seen);
        };
    }

    private static Optional<Finding> found(Kind kind, String path, Level level, String what, HttpObservation seen) {
        return Optional.of(new Finding(kind, path, level, what, seen));
    }

    /** What an actuator answer exposes beyond health and info, or empty when it exposes nothing more (or is not an actuator). */
    private static Optional<String> actuator(String path, HttpObservation seen) {
        JsonNode body;
        try {
            body = JSON.readTree(seen.body());
        } catch (java.io.IOException notJson) {
            return Optional.empty();
        }
        if (body == null) {
            return Optional.empty();
        }
        if (path.endsWith("/env")) {
            return body.has("propertySources") || body.has("activeProfiles") ? Optional.of("Spring Boot Actuator environment") : Optional.empty();
        }
        JsonNode links = body.path("_links");
        List<String> exposed = new ArrayList<>();
        links.fieldNames().forEachRemaining(name -> {
            if (!HARMLESS_ACTUATOR_LINKS.contains(name) && !name.startsWith("health-")) {
                exposed.add(name);
            }
        });
        return exposed.isEmpty() ? Optional.empty() : Optional.of("Spring Boot Actuator endpoints " + String.join(", ", exposed));
    }

    private static String pathOf(String location) {
        try {
            String p = URI.create(location).getPath();
            return p == null || p.isEmpty() ? location : p;
        } catch (IllegalArgumentException notAUri) {
            return location;
        }
    }

    /**
     * A single-page app answers every path with its index page; a path that answers exactly what an
     * unguessable path answers exists only in that sense. Fetched once, and only when needed.
     */
    private static final class CatchAll {
        private final HttpProbe http;
        private final List<Evidence> evidence;
        private HttpObservation answer;

        CatchAll(HttpProbe http, List<Evidence> evidence) {
            this.http = http;
            this.evidence = evidence;
        }

        boolean serves(HttpObservation seen) {
            if (answer == null) {
                byte[] bytes = new byte[8];
                RANDOM.nextBytes(bytes);
                answer = http.get("/preflight-missing-" + HexFormat.of().formatHex(bytes));
                evidence.add(answer.evidence());
            }
            return answer.isSuccess() && answer.body().equals(seen.body());
        }
    }
}
