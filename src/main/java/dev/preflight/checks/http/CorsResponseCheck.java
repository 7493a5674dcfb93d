package dev.preflight.checks.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.checks.config.CorsCheck;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.ProbeRequest;

/**
 * The deployment grants no cross-origin read to origins it does not name: a preflight OPTIONS and a
 * simple GET from a foreign origin, and a GET from the {@code null} origin (sandboxed frames, local
 * files), must not come back with a wildcard and credentials, the foreign origin reflected, or
 * {@code null} allowed. With the repository given, the origins its CORS settings name are asked too,
 * and each must be allowed: a deployment that refuses them runs another configuration.
 */
@CheckInfo(id = "http.cors", title = "CORS does not reflect arbitrary origins or allow a wildcard with credentials", target = TargetKind.URL,
        phrases = {"\\bCORS\\b", "cross-origin"},
        params = {"path"},
        related = {"observatory:cross-origin-resource-sharing"})
public final class CorsResponseCheck implements Check {
    /** An origin under a reserved name (RFC 2606): no real site can be it, so allowing it means allowing any. */
    static final String FOREIGN = "https://preflight-cors-probe.example";
    /** Origins of the repository's settings asked at most: each is one request. */
    static final int MAX_CONFIGURED = 5;
    private static final String FIX = "Allow only the origins that need access, from a list (cors({ origin: ['https://app.example.com'] }), "
            + "CORS_ALLOWED_ORIGINS, nginx map $http_origin); never echo the Origin header back, never allow 'null', never '*' with credentials.";

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        String path = context.params().text(Param.PATH).orElse("/");
        HttpObservation preflight = http.send(ProbeRequest.of("OPTIONS", path).header("Origin", FOREIGN)
                .header("Access-Control-Request-Method", "PUT"));
        if (!preflight.answered()) {
            // A server that does not answer one request would make the check wait out each of the others too.
            return Outcome.error("the CORS preflight was not answered: " + preflight.failure(), preflight.evidence());
        }
        List<HttpObservation> probes = List.of(preflight,
                http.send(ProbeRequest.get(path).header("Origin", FOREIGN)),
                http.send(ProbeRequest.get(path).header("Origin", "null")));
        List<Evidence> evidence = new ArrayList<>();
        probes.forEach(p -> evidence.add(p.evidence()));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            String origin = i == 2 ? "null" : FOREIGN;
            judge(probes.get(i), origin).ifPresent(problem -> {
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            });
        }
        probes.stream().filter(HttpObservation::answered).forEach(p -> allowed(p).ifPresent(acao ->
                evidence.add(new Evidence.Note(p.method() + " from " + (p == probes.get(2) ? "null" : FOREIGN) + ": Access-Control-Allow-Origin: "
                                               + acao + credentials(p).map(c -> ", Access-Control-Allow-Credentials: " + c).orElse("")))));
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), FIX, evidence);
        }
        List<String> configured = context.repo() == null ? List.of()
                : CorsCheck.settings(context.repo()).stream().filter(s -> !s.anyOrigin()).flatMap(s -> s.origins().stream())
                .distinct().limit(MAX_CONFIGURED).toList();
        List<String> refused = new ArrayList<>();
        for (String origin : configured) {
            HttpObservation o = http.send(ProbeRequest.get(path).header("Origin", origin));
            evidence.add(o.evidence());
            boolean allows = allowed(o).filter(acao -> acao.equals(origin) || acao.equals("*")).isPresent();
            if (!allows) {
                refused.add(origin);
            }
        }
        if (!refused.isEmpty()) {
            return Outcome.warn("the deployment does not allow " + String.join(", ", refused) + ", which the repository's CORS settings name: "
                                + "it runs another configuration, or the frontend's requests are refused",
                    "Deploy the configuration the repository holds, or correct the origins it names.", evidence);
        }
        String asked = "OPTIONS and GET from " + FOREIGN + " and GET from null";
        return Outcome.pass(configured.isEmpty() ? asked + " were granted no cross-origin access"
                : asked + " were granted no cross-origin access; the " + configured.size() + " origin(s) the repository names are allowed", evidence);
    }

    /** What is wrong with the answer to a request from {@code origin}, if anything. */
    static Optional<String> judge(HttpObservation answer, String origin) {
        Optional<String> acao = allowed(answer);
        if (acao.isEmpty()) {
            return Optional.empty();
        }
        boolean withCredentials = credentials(answer).filter("true"::equalsIgnoreCase).isPresent();
        String creds = withCredentials ? " with credentials" : "";
        if (acao.get().equals("*")) {
            return Optional.of(withCredentials ? "wildcard Access-Control-Allow-Origin with credentials (a misconfiguration browsers refuse)"
                    : "wildcard Access-Control-Allow-Origin: any site may read the answers");
        }
        if (origin.equals("null") && acao.get().equals("null")) {
            return Optional.of("the null origin is allowed" + creds + ": any site can send it from a sandboxed frame");
        }
        if (acao.get().equals(origin)) {
            return Optional.of("the foreign origin " + origin + " is reflected" + creds + ": any site may read the answers"
                               + (withCredentials ? " as the signed-in user" : ""));
        }
        return Optional.empty();
    }

    private static Optional<String> allowed(HttpObservation answer) {
        return answer.header("access-control-allow-origin").map(String::strip);
    }

    private static Optional<String> credentials(HttpObservation answer) {
        return answer.header("access-control-allow-credentials").map(String::strip);
    }
}
