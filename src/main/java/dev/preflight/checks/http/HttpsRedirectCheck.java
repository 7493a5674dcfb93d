package dev.preflight.checks.http;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * The deployment's plain-HTTP address answers with a permanent redirect to https on the same host,
 * so that a visitor who types the bare name (or follows an old http link) lands on TLS, and the
 * browser can learn HSTS for that host.
 */
@CheckInfo(id = "http.https-redirect", title = "Plain HTTP answers with a permanent redirect to HTTPS", target = TargetKind.URL,
        phrases = {"https redirect", "\\bredirect\\w*\\b.*\\bhttps\\b", "\\bforced? https", "\\bhttp (to|→|->) https"},
        related = {"observatory:redirection", "testssl:--headers"})
public final class HttpsRedirectCheck implements Check {
    private static final String FIX = "Answer every plain-HTTP request with a permanent redirect to the same host over https, keeping the path: "
            + "nginx `return 301 https://$host$request_uri;` in the port-80 server block.";

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        Optional<URI> plain = http.plainHttp();
        if (plain.isEmpty()) {
            URI base = http.base();
            return Outcome.unverified("no plain-HTTP address to try: " + base + " is not on port 443, so where plain HTTP listens is unknown; "
                    + "give it too with --url http://" + base.getHost() + ":PORT/");
        }
        HttpObservation answer = http.get(plain.get().toString());
        Evidence seen = answer.evidence();
        boolean derived = http.urls().stream().noneMatch(plain.get()::equals);
        if (!answer.answered()) {
            if (derived && answer.failure().startsWith("connection refused")) {
                return Outcome.warn("nothing answers plain HTTP on " + plain.get() + ": no downgrade is possible, but a visitor who types the "
                        + "bare name gets no page", FIX, List.of(seen));
            }
            return Outcome.error("the plain-HTTP address could not be reached: " + answer.failure(), seen);
        }
        if (!answer.isRedirect()) {
            return Outcome.fail(plain.get() + " answered " + answer.status() + " without redirecting to https", FIX, seen);
        }
        Optional<String> location = answer.header("location");
        if (location.isEmpty()) {
            return Outcome.fail(plain.get() + " answered " + answer.status() + " with no Location", FIX, seen);
        }
        Evidence where = new Evidence.Note("Location: " + location.get());
        URI to;
        try {
            to = URI.create(plain.get().toString()).resolve(location.get().strip());
        } catch (IllegalArgumentException malformed) {
            return Outcome.fail(plain.get() + " redirects to a malformed Location", FIX, List.of(seen, where));
        }
        if (!"https".equalsIgnoreCase(to.getScheme())) {
            return Outcome.fail(plain.get() + " redirects to " + to + ", not to https", FIX, List.of(seen, where));
        }
        if (to.getHost() == null || !to.getHost().equalsIgnoreCase(plain.get().getHost())) {
            return Outcome.fail(plain.get() + " redirects to another host (" + to.getHost() + "): the browser never sees this host over https, "
                    + "so it cannot learn its HSTS policy", FIX, List.of(seen, where));
        }
        if (answer.status() != 301 && answer.status() != 308) {
            return Outcome.warn(plain.get() + " redirects to " + to + " with a temporary " + answer.status()
                    + ": browsers and crawlers do not remember it", FIX, List.of(seen, where));
        }
        return Outcome.pass(plain.get() + " redirects permanently (" + answer.status() + ") to " + to, List.of(seen, where));
    }
}
