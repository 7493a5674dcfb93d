package dev.preflight.checks.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
 * SQL-injection and XSS payloads put, one at a time, into each query parameter of the endpoint the
 * item names ({@code path=/search?q=shoes&page=1}) cause no 5xx, no database error text and no
 * unescaped reflection in HTML. The payloads read nothing and change nothing even where they reach
 * the SQL text: they are built to make a vulnerable query fail loudly, which is what is looked for.
 */
@CheckInfo(id = "http.injection", title = "SQL injection and XSS payloads cause no error, leak or reflection", target = TargetKind.URL,
        active = true,
        phrases = {"sql[- ]injection", "\\bXSS\\b", "cross-site scripting", "input sanitization", "\\binjection\\b"},
        params = {"path"},
        related = {"owasp:WSTG-INPV-05", "owasp:WSTG-INPV-01"})
public final class InjectionCheck implements Check {
    /** Quotes, a closing parenthesis and a backslash break an unsafely built statement; the last two change its logic visibly. */
    static final List<String> SQL_PAYLOADS = List.of("'", "\"", "')", "\\", "' OR '1'='1", "1 ORDER BY 9999--");
    /** Markers a page must escape: an element and an attribute break-out, each naming Preflight. */
    static final List<String> XSS_PAYLOADS = List.of("<script>alert('preflight-xss')</script>", "\"><svg onload=alert('preflight-xss')>");
    static final int MAX_PARAMETERS = 5;

    private static final String NAME_PARAMETERS = "<!-- preflight: http.injection path=/search?q=shoes -->";

    /** One parameter of the query, as written. */
    private record Parameter(String name, String value) {
    }

    @Override
    public Outcome run(CheckContext context) {
        Optional<String> named = context.params().text(Param.PATH);
        if (named.isEmpty() || !named.get().contains("?")) {
            return Outcome.unverified("needs the endpoint and the query parameters to try: name them with " + NAME_PARAMETERS
                                      + " or a bind: entry in preflight.yaml");
        }
        HttpProbe http = context.http();
        boolean planning = http.planning();
        String path = named.get();
        String route = path.substring(0, path.indexOf('?'));
        List<Parameter> query = parse(path.substring(path.indexOf('?') + 1));
        if (query.isEmpty()) {
            return Outcome.unverified("needs at least one query parameter in the path: " + NAME_PARAMETERS);
        }
        List<Parameter> tried = query.subList(0, Math.min(query.size(), MAX_PARAMETERS));

        HttpObservation baseline = http.get(path);
        List<Evidence> evidence = new ArrayList<>(List.of(baseline.evidence()));
        Optional<String> baselineDatabase = Optional.empty();
        if (!planning) {
            Optional<String> problem = Answers.unjudgeable(baseline)
                    .or(() -> baseline.isRedirect() ? Optional.of("a " + Answers.redirect(baseline) + ", which Preflight does not follow")
                            : baseline.status() >= 500 || List.of(401, 403, 404).contains(baseline.status())
                                    ? Optional.of("HTTP " + baseline.status() + " with its ordinary values, so payloads would prove nothing")
                                    : Optional.empty());
            if (problem.isPresent()) {
                return new Outcome(Status.ERROR, path + " could not be judged: " + problem.get(), evidence,
                        "Name an endpoint that answers its ordinary values (with --header if it needs a credential): " + NAME_PARAMETERS, null);
            }
            baselineDatabase = DatabaseErrors.in(baseline.body()).map(DatabaseErrors.Found::database);
        }

        List<String> findings = new ArrayList<>();
        int sent = 0;
        for (int i = 0; i < tried.size(); i++) {
            Parameter target = tried.get(i);
            for (String payload : payloads()) {
                HttpObservation o = http.send(ProbeRequest.get(route + "?" + withValue(query, i, payload)));
                sent++;
                if (planning) {
                    evidence.add(o.evidence());
                    continue;
                }
                Optional<String> unjudgeable = Answers.unjudgeable(o);
                if (unjudgeable.isPresent()) {
                    evidence.add(o.evidence());
                    return Outcome.error(path + ": payload " + quote(payload) + " in " + target.name() + ": " + unjudgeable.get(),
                            evidence.toArray(Evidence[]::new));
                }
                Optional<String> finding = judge(o, payload, baselineDatabase);
                if (finding.isPresent()) {
                    findings.add(finding.get() + " for " + quote(payload) + " in " + target.name());
                    evidence.add(o.evidence());
                    evidence.add(new Evidence.Note(target.name() + "=" + quote(payload) + ": " + finding.get()));
                }
            }
        }
        if (planning) {
            return Outcome.error("not sent (--plan)");
        }
        evidence.add(new Evidence.Measurement("payload requests", sent, ""));
        String names = String.join(", ", tried.stream().map(Parameter::name).toList())
                       + (tried.size() < query.size() ? " (the first " + MAX_PARAMETERS + " of " + query.size() + " parameters)" : "");
        if (!findings.isEmpty()) {
            return Outcome.fail(route + ": " + findings.size() + " of " + sent + " payloads on " + names + " showed a weakness: "
                                + String.join("; ", findings.subList(0, Math.min(3, findings.size())))
                                + (findings.size() > 3 ? "; …" : ""),
                    "Pass values to SQL only as bound parameters (never by string formatting), catch database errors and answer "
                    + "a generic 400/500 page, and escape every value written into HTML (a template engine's autoescaping).", evidence);
        }
        return Outcome.pass(route + ": " + sent + " payloads on " + names
                            + " caused no 5xx, no database error text and no unescaped reflection", evidence);
    }

    static List<String> payloads() {
        List<String> all = new ArrayList<>(SQL_PAYLOADS);
        all.addAll(XSS_PAYLOADS);
        return all;
    }

    /** What one answer to a payload gives away, if anything. */
    private static Optional<String> judge(HttpObservation o, String payload, Optional<String> baselineDatabase) {
        if (o.status() >= 500) {
            return Optional.of("HTTP " + o.status());
        }
        Optional<DatabaseErrors.Found> database = DatabaseErrors.in(o.body())
                .filter(found -> baselineDatabase.map(db -> !db.equals(found.database())).orElse(true));
        if (database.isPresent()) {
            return Optional.of(database.get().database() + " error text (\"" + database.get().excerpt() + "\")");
        }
        if (XSS_PAYLOADS.contains(payload) && o.body().contains(payload) && html(o)) {
            return Optional.of("reflected unescaped in " + (o.contentType().isEmpty() ? "a page with no Content-Type" : o.contentType()));
        }
        return Optional.empty();
    }

    /** Browsers render HTML, and sniff a body sent with no type at all. */
    private static boolean html(HttpObservation o) {
        String type = o.contentType().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.contains("html");
    }

    private static List<Parameter> parse(String query) {
        List<Parameter> parameters = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            parameters.add(eq < 0 ? new Parameter(pair, "") : new Parameter(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return parameters;
    }

    /** The query with the value of parameter {@code index} replaced by the payload, the others as written. */
    private static String withValue(List<Parameter> query, int index, String payload) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < query.size(); i++) {
            String value = i == index ? URLEncoder.encode(payload, StandardCharsets.UTF_8) : query.get(i).value();
            pairs.add(query.get(i).name() + "=" + value);
        }
        return String.join("&", pairs);
    }

    private static String quote(String payload) {
        return "`" + payload + "`";
    }
}
