package dev.preflight.checks.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * The deployment's home page as the header checks judge it: the GET of the base URL's root and, when
 * that answers a redirect on the same host (to /login, to /en/), the page it points to, one hop, as a
 * browser goes on. Both are the probe's shared GETs, fetched once per run for every check.
 */
final class Home {
    private Home() {
    }

    /** The root's answer, then the page it redirects to on the same host, if it does. */
    static List<HttpObservation> answers(HttpProbe http) {
        HttpObservation root = http.get("/");
        if (!root.isRedirect()) {
            return List.of(root);
        }
        return root.header("location").flatMap(location -> sameHost(http, root, location))
                .map(next -> List.of(root, http.get(next.toString())))
                .orElse(List.of(root));
    }

    /** The page a visitor ends up on: the last of {@link #answers}. */
    static HttpObservation page(HttpProbe http) {
        return answers(http).getLast();
    }

    private static Optional<URI> sameHost(HttpProbe http, HttpObservation from, String location) {
        try {
            URI to = URI.create(from.url()).resolve(location.strip());
            boolean same = to.getHost() != null && to.getHost().toLowerCase(Locale.ROOT).equals(http.base().getHost().toLowerCase(Locale.ROOT))
                           && to.getScheme() != null && to.getScheme().matches("(?i)https?");
            return same ? Optional.of(to) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** Whether an answer is a page a browser renders: HTML by its type, or by its first character when it names none. */
    static boolean isHtml(HttpObservation o) {
        String type = o.contentType().toLowerCase(Locale.ROOT);
        return type.contains("html") || type.isEmpty() && o.body().stripLeading().startsWith("<");
    }
}
