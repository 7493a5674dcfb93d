package dev.preflight.checks.http;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.preflight.check.Evidence;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * What the active checks ask of every answer before they judge it. An answer that did not come
 * (refused, reset, stalled, dripping, bad TLS) or whose body overflowed the probe's cap (a huge or
 * endless body) cannot be judged: the check ends there as ERROR, sending nothing more.
 */
final class Answers {
    private Answers() {
    }

    /** Why this answer cannot be judged, or empty when it can. */
    static Optional<String> unjudgeable(HttpObservation o) {
        if (!o.answered()) {
            return Optional.of(o.failure());
        }
        if (o.truncated()) {
            return Optional.of("HTTP " + o.status() + " with a body over " + (HttpProbe.MAX_BODY_BYTES >> 20)
                               + " MiB, cut off there (a huge or endless body)");
        }
        return Optional.empty();
    }

    /** An observation's evidence with what its request carried, in words: never a credential's value. */
    static Evidence labelled(HttpObservation o, String label) {
        Evidence.Http http = o.evidence();
        return new Evidence.Http(http.request() + " (" + label + ")", http.response(), http.durationMs());
    }

    /** "a redirect to /login", for an answer that redirects: Preflight reports redirects and never follows them. */
    static String redirect(HttpObservation o) {
        return o.status() + " redirect" + o.header("location").map(l -> " to " + abbreviate(l, 80)).orElse("");
    }

    /** The path and query of the URL an observation was made at. */
    static String path(HttpObservation o) {
        URI uri = URI.create(o.url());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** "200 ×118, 429 ×2", and "no answer ×3" for those that failed. */
    static String statusCounts(Collection<HttpObservation> answers) {
        Map<String, Long> counts = answers.stream().collect(Collectors.groupingBy(
                o -> o.answered() ? String.valueOf(o.status()) : "no answer", TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** "67 bytes", "64 KiB", "10.1 MiB". */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        double value = n < 1 << 20 ? n / 1024.0 : n / (double) (1 << 20);
        String text = String.format(Locale.ROOT, "%.1f", value);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + (n < 1 << 20 ? " KiB" : " MiB");
    }

    static String abbreviate(String s, int max) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
