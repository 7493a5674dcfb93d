package dev.preflight.checks.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.ProbeRequest;

/**
 * The protected endpoint the item names refuses a request with no credential and one with an invalid
 * credential (401 or 403), and accepts the credential given with {@code --header}. A JSON Web Token
 * given as {@code Authorization: Bearer} is also sent with its signature altered and as
 * {@code alg: none}, both of which must be refused, and its lifetime is judged from its claims.
 * Credentials never reach the outcome: requests are labelled by what they carried, not by its value.
 */
@CheckInfo(id = "http.auth", title = "Protected endpoints refuse missing and invalid credentials", target = TargetKind.URL,
        active = true,
        phrases = {"authenticat", "\\bapi[- ]key auth", "^api keys?\\b", "\\binvalid (api )?(key|token|credential)", "\\b(token|jwt) expir"},
        params = {"path", "duration"},
        related = {"owasp-api:API2:2023"})
public final class AuthenticationCheck implements Check {
    /** A token that outlives a day is a standing credential; the item's duration overrides this. */
    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);
    static final String INVALID = "preflight-invalid-credential";

    /** One request without the valid credential, and what it carried. */
    private record Attempt(String label, ProbeRequest request) {
    }

    @Override
    public Outcome run(CheckContext context) {
        Optional<String> named = context.params().text(Param.PATH);
        if (named.isEmpty()) {
            return Outcome.unverified("needs the protected endpoint: name it with <!-- preflight: http.auth path=/api/items -->"
                                      + " or a bind: entry in preflight.yaml");
        }
        HttpProbe http = context.http();
        boolean planning = http.planning();
        String path = named.get();
        Map<String, String> given = http.givenHeaders();
        Optional<Jwt> jwt = bearerToken(given).flatMap(Jwt::parse);
        List<Evidence> evidence = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> weaknesses = new ArrayList<>();

        // Requests that differ only in their headers would read alike in the plan: each is described by what it carries.
        HttpObservation valid = null;
        if (!given.isEmpty()) {
            valid = http.send(ProbeRequest.get(path).body(null, "the --header values"));
            evidence.add(Answers.labelled(valid, "the --header values"));
            if (!planning) {
                Optional<String> unjudgeable = Answers.unjudgeable(valid);
                if (unjudgeable.isPresent()) {
                    return Outcome.error(path + " with the --header values: " + unjudgeable.get(), evidence.toArray(Evidence[]::new));
                }
                if (valid.status() == 401 || valid.status() == 403) {
                    if (jwt.map(AuthenticationCheck::expired).orElse(false)) {
                        return Outcome.error("the token given with --header expired at " + instant(jwt.get().exp())
                                             + ", so the valid case could not be tested: give a fresh token", evidence.toArray(Evidence[]::new));
                    }
                    failures.add("the credential given with --header was refused (" + valid.status() + ")");
                } else if (!valid.isSuccess()) {
                    return new Outcome(Status.ERROR, path + " answered " + describe(valid) + " even with the --header values: "
                            + "the endpoint's refusals cannot be judged against that", evidence, nameAnEndpoint(), null);
                }
            }
        }
        boolean validAccepted = valid != null && valid.isSuccess();

        List<String> refused = new ArrayList<>();
        for (Attempt attempt : attempts(path, given, jwt)) {
            HttpObservation o = http.send(attempt.request());
            evidence.add(Answers.labelled(o, attempt.label()));
            if (planning) {
                continue;
            }
            Optional<String> unjudgeable = Answers.unjudgeable(o);
            if (unjudgeable.isPresent()) {
                return Outcome.error(path + " with " + attempt.label() + ": " + unjudgeable.get(), evidence.toArray(Evidence[]::new));
            }
            int status = o.status();
            if (status == 401 || status == 403 || (validAccepted && (o.isRedirect() || status == 404))) {
                refused.add(attempt.label() + (status == 401 || status == 403 ? "" : " (" + describe(o) + ")"));
            } else if (o.isSuccess()) {
                failures.add("accepted a request with " + attempt.label() + " (" + status + ")");
            } else if (status >= 500) {
                failures.add("answered " + status + " to " + attempt.label() + " instead of refusing it");
            } else if (o.isRedirect() || status == 404 || status == 429) {
                return new Outcome(Status.ERROR, path + " answered " + describe(o) + " to " + attempt.label()
                        + (status == 429 ? " (rate limited): the refusal could not be judged"
                                : ": without a valid credential (--header) that is not telling a refusal from a wrong path"),
                        evidence, nameAnEndpoint(), null);
            } else {
                weaknesses.add("refused " + attempt.label() + " with " + status + " rather than 401 or 403");
                refused.add(attempt.label() + " (" + status + ")");
            }
        }
        if (planning) {
            return Outcome.error("not sent (--plan)");
        }

        Optional<String> lifetime = Optional.empty();
        if (jwt.isPresent()) {
            Duration bound = context.params().duration(Param.DURATION).orElse(DEFAULT_MAX_LIFETIME);
            boolean boundFromItem = context.params().text(Param.DURATION).isPresent();
            lifetime = judgeExpiry(jwt.get(), validAccepted, bound, boundFromItem, failures, weaknesses, evidence);
        }

        if (!failures.isEmpty()) {
            return Outcome.fail(path + ": " + String.join("; ", failures),
                    "Require a valid credential on every protected route and answer 401 (no or bad credential) or 403 "
                    + "(not allowed); verify JWT signatures with a fixed algorithm list and give tokens an exp claim.", evidence);
        }
        String summary = path + " refused " + String.join(", ", refused)
                         + (valid == null ? "; the valid case was not tested (no --header given)"
                                 : " and accepted the --header values (" + valid.status() + ")")
                         + lifetime.map(l -> "; " + l).orElse("");
        if (!weaknesses.isEmpty()) {
            return Outcome.warn(summary + "; but " + String.join("; ", weaknesses),
                    "Answer a missing or invalid credential with 401 and a WWW-Authenticate header, a forbidden one with 403;"
                    + " keep token lifetimes short (minutes to hours) and refresh them.", evidence);
        }
        return Outcome.pass(summary, evidence);
    }

    /**
     * The requests that must be refused: one with no credential; one whose --header values are replaced
     * by invalid ones (or, with none given, invalid Authorization and X-API-Key headers); and for a JWT,
     * the token with its signature altered and the token declared unsigned.
     */
    private static List<Attempt> attempts(String path, Map<String, String> given, Optional<Jwt> jwt) {
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt("no credential", ProbeRequest.get(path).anonymous().body(null, "no credential")));
        Map<String, String> invalid = new LinkedHashMap<>();
        if (given.isEmpty()) {
            invalid.put("Authorization", "Bearer " + INVALID);
            invalid.put("X-API-Key", INVALID);
        } else {
            given.forEach((name, value) -> invalid.put(name, invalidLike(name, value)));
        }
        String label = "an invalid " + String.join(" and ", invalid.keySet()) + " value";
        attempts.add(new Attempt(label, withHeaders(ProbeRequest.get(path), invalid).body(null, label)));
        jwt.ifPresent(token -> {
            attempts.add(new Attempt("the JWT with its signature altered",
                    ProbeRequest.get(path).header("Authorization", "Bearer " + token.withAlteredSignature())
                            .body(null, "the JWT with its signature altered")));
            if (!token.alg().equalsIgnoreCase("none")) {
                attempts.add(new Attempt("the JWT re-declared as alg none",
                        ProbeRequest.get(path).header("Authorization", "Bearer " + token.unsigned())
                                .body(null, "the JWT re-declared as alg none")));
            }
        });
        return attempts;
    }

    /** An invalid value shaped like the valid one: the same Authorization scheme, the same cookie names. */
    static String invalidLike(String name, String value) {
        if (name.equalsIgnoreCase("Authorization")) {
            int space = value.indexOf(' ');
            String scheme = space > 0 ? value.substring(0, space) : "Bearer";
            return scheme.equalsIgnoreCase("Basic")
                    ? scheme + " " + Base64.getEncoder().encodeToString(("preflight:" + INVALID).getBytes(StandardCharsets.UTF_8))
                    : scheme + " " + INVALID;
        }
        if (name.equalsIgnoreCase("Cookie")) {
            return Arrays.stream(value.split(";"))
                    .map(String::strip)
                    .map(pair -> pair.contains("=") ? pair.substring(0, pair.indexOf('=')) + "=" + INVALID : pair)
                    .collect(Collectors.joining("; "));
        }
        return INVALID;
    }

    private Optional<String> judgeExpiry(Jwt token, boolean validAccepted, Duration bound, boolean boundFromItem,
                                         List<String> failures, List<String> weaknesses, List<Evidence> evidence) {
        if (token.exp() == null) {
            evidence.add(new Evidence.Note("JWT given with --header: alg " + token.alg() + ", no exp claim"));
            failures.add("the JWT given has no exp claim: it never expires");
            return Optional.empty();
        }
        if (expired(token) && validAccepted) {
            failures.add("accepted the JWT given, which expired at " + instant(token.exp()));
        }
        boolean fromIssue = token.iat() != null;
        Duration life = Duration.ofSeconds(token.exp() - (fromIssue ? token.iat() : Instant.now().getEpochSecond()));
        String lifetime = fromIssue ? "token lifetime " + human(life) : "token valid for " + human(life) + " more (no iat claim)";
        evidence.add(new Evidence.Note("JWT given with --header: alg " + token.alg() + ", exp " + instant(token.exp())
                                       + (fromIssue ? ", iat " + instant(token.iat()) : "")));
        evidence.add(new Evidence.Measurement(fromIssue ? "token lifetime" : "token remaining validity", life.toSeconds(), "s"));
        if (life.compareTo(bound) > 0) {
            String over = lifetime + " exceeds " + human(bound) + (boundFromItem ? " (the item's bound)" : " (the default bound)");
            (boundFromItem ? failures : weaknesses).add(over);
        }
        return Optional.of(lifetime);
    }

    private static boolean expired(Jwt token) {
        return token.exp() != null && token.exp() < Instant.now().getEpochSecond();
    }

    private static Optional<String> bearerToken(Map<String, String> given) {
        return given.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .map(Map.Entry::getValue)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).strip())
                .findFirst();
    }

    private static ProbeRequest withHeaders(ProbeRequest request, Map<String, String> headers) {
        ProbeRequest r = request;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.header(h.getKey(), h.getValue());
        }
        return r;
    }

    private static String describe(HttpObservation o) {
        return o.isRedirect() ? Answers.redirect(o) : String.valueOf(o.status());
    }

    private static String nameAnEndpoint() {
        return "Name a protected endpoint that answers 2xx to the credential given with --header: "
               + "<!-- preflight: http.auth path=/api/items -->";
    }

    private static String instant(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    /** "15 min", "1 h", "1.5 d": in the largest unit the duration reaches. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (Math.abs(s) >= 86_400) {
            return oneDecimal(s / 86_400.0) + " d";
        }
        if (Math.abs(s) >= 3_600) {
            return oneDecimal(s / 3_600.0) + " h";
        }
        return Math.abs(s) >= 60 ? s / 60 + " min" : s + " s";
    }

    private static String oneDecimal(double v) {
        String text = String.format(Locale.ROOT, "%.1f", v);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
