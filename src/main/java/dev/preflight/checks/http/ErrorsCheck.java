package dev.preflight.checks.http;

import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
import dev.preflight.collect.ProbeRequest;

/**
 * A path that does not exist and a malformed request answer cleanly: no stack trace, no framework
 * debug page ({@link ErrorLeaks}), and JSON where the API speaks JSON. Status codes are judged when
 * the item asks for proper ones.
 *
 * <p>The malformed request is a POST, sent without {@code --active}: one request, a body of 14
 * bytes that no JSON parser accepts, so no handler can act on what it says. It is what a client
 * with a typo sends, not a payload or a load.
 */
@CheckInfo(id = "http.errors", title = "Errors answer cleanly with no stack trace or debug page", target = TargetKind.URL,
        severity = Severity.HIGH,
        phrases = {"\\berror (handling|responses?|pages?|format|codes)\\b", "\\bexception (handling|handler)",
                "stack traces? (are )?(hidden|not (shown|exposed))", "debug page"},
        params = {"path"},
        related = {"owasp:WSTG-ERRH-01"})
public final class ErrorsCheck implements Check {
    /** An object cut off after its first key: not JSON to any parser. */
    static final String MALFORMED_JSON = "{\"preflight\": ";
    /** What a browser asks for: the debug pages that negotiate (Spring's Whitelabel, Starlette's) show their HTML to it. */
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static final Pattern ASKS_JSON = Pattern.compile("\\bjson\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKS_STATUS_CODES = Pattern.compile(
            "\\b(error|status|http|response) codes?\\b|\\b[45]\\d\\d\\b", Pattern.CASE_INSENSITIVE);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        HttpObservation missing = http.send(ProbeRequest.get(missingPath()).header("Accept", BROWSER_ACCEPT));
        Optional<String> apiPath = context.params().text(Param.PATH);
        String sent = "a " + MALFORMED_JSON.length() + "-byte body that is not JSON";
        HttpObservation malformed = http.send(ProbeRequest.of("POST", apiPath.orElse("/"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .body(HttpRequest.BodyPublishers.ofString(MALFORMED_JSON), sent));
        // Fetched now, not after the verdict on leaks, so that --plan lists it.
        Optional<HttpObservation> jsonApi = apiPath.map(http::get).filter(ErrorsCheck::isJson);
        Evidence.Http post = malformed.evidence();
        List<Evidence> evidence = new ArrayList<>(List.of(missing.evidence(),
                new Evidence.Http(post.request() + " with " + sent, post.response(), post.durationMs())));
        for (HttpObservation o : List.of(missing, malformed)) {
            if (!o.answered()) {
                return Outcome.error(describe(o, missing) + " got no answer: " + o.failure(), evidence.toArray(Evidence[]::new));
            }
        }

        List<String> leaks = new ArrayList<>();
        for (HttpObservation o : List.of(missing, malformed)) {
            ErrorLeaks.find(o.body()).ifPresent(leak -> {
                leaks.add(leak.what() + " in the answer to " + describe(o, missing) + " (HTTP " + o.status() + ")");
                evidence.add(new Evidence.Note(leak.describe()));
            });
        }
        if (!leaks.isEmpty()) {
            return Outcome.fail(String.join("; ", leaks),
                    "Turn debug mode off where the service is deployed (DEBUG = False, FLASK_DEBUG=0, NODE_ENV=production, "
                            + "no Starlette debug=True, server.error.include-stacktrace=never) and answer errors with a short "
                            + "generic body; log the trace on the server.", evidence);
        }

        List<String> problems = new ArrayList<>();
        List<String> weaknesses = new ArrayList<>();
        if (ASKS_STATUS_CODES.matcher(context.itemText()).find()) {
            if (missing.status() != 404 && missing.status() != 410) {
                problems.add("a path that does not exist answered " + missing.status() + ", not 404");
            }
            if (malformed.status() < 400 || malformed.status() >= 500) {
                problems.add("a malformed request answered " + malformed.status() + ", not 4xx");
            }
        }
        boolean asksJson = ASKS_JSON.matcher(context.itemText()).find();
        jsonApi.ifPresent(o -> evidence.add(o.evidence()));
        if ((asksJson || jsonApi.isPresent()) && malformed.status() >= 400 && !isJson(malformed)) {
            String why = (jsonApi.isPresent() ? "the API speaks JSON" : "the item asks for JSON errors") + " but the error for a malformed request is "
                         + (malformed.contentType().isEmpty() ? "not typed" : malformed.contentType());
            (asksJson ? problems : weaknesses).add(why);
        }

        String observed = "a missing path answered " + statusAndType(missing) + ", a malformed request " + statusAndType(malformed);
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + " (" + observed + ")",
                    "Answer a missing path with 404 and a malformed request with 400 (or 415/422), in the API's format: "
                            + "a JSON body such as {\"error\": \"invalid JSON\"} from the framework's error handlers.", evidence);
        }
        if (!weaknesses.isEmpty()) {
            return Outcome.warn(String.join("; ", weaknesses) + " (" + observed + ")",
                    "Register an error handler that answers the API's errors in JSON (Flask errorhandler, Django handler400/"
                            + "handler500, an Express error middleware), so clients can read them.", evidence);
        }
        return Outcome.pass("no stack trace or debug page: " + observed, evidence);
    }

    /** Unguessable, so no route, cache entry or honeypot can be waiting for it. */
    private static String missingPath() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "/preflight-missing-" + HexFormat.of().formatHex(bytes);
    }

    private static String describe(HttpObservation o, HttpObservation missing) {
        return o == missing ? "a path that does not exist" : "a malformed request";
    }

    private static String statusAndType(HttpObservation o) {
        return o.status() + (o.contentType().isEmpty() ? "" : " " + o.contentType().split(";")[0].strip());
    }

    static boolean isJson(HttpObservation o) {
        return o.answered() && o.contentType().toLowerCase(Locale.ROOT).contains("json");
    }
}
