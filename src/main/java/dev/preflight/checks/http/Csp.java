package dev.preflight.checks.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Content-Security-Policy as browsers read it (CSP 3, section 2.2): directives separated by
 * {@code ;}, names case-insensitive, the first of a repeated directive wins. Sources are lowercased,
 * which keeps keywords comparable; only the prefix of a nonce or hash is ever looked at.
 */
record Csp(Map<String, List<String>> directives) {
    /** Sources that let in scripts from anywhere (or any host of a scheme), as the Observatory lists them. */
    static final Set<String> BROAD = Set.of("*", "http:", "https:", "ftp:", "http://*", "https://*", "http://*.*", "https://*.*");

    /** Every policy of the headers given: one header may carry several, separated by commas. */
    static List<Csp> parseAll(List<String> headerValues) {
        List<Csp> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String policy : value.split(",")) {
                if (!policy.isBlank()) {
                    out.add(parse(policy));
                }
            }
        }
        return out;
    }

    static Csp parse(String policy) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] tokens = directive.strip().split("\\s+");
            if (tokens[0].isEmpty()) {
                continue;
            }
            List<String> sources = new ArrayList<>();
            for (int i = 1; i < tokens.length; i++) {
                sources.add(tokens[i].toLowerCase(Locale.ROOT));
            }
            directives.putIfAbsent(tokens[0].toLowerCase(Locale.ROOT), List.copyOf(sources));
        }
        return new Csp(directives);
    }

    Optional<List<String>> sources(String directive) {
        return Optional.ofNullable(directives.get(directive));
    }

    /** The sources that govern {@code directive}: its own, else default-src's; empty when neither is set (anything goes). */
    Optional<List<String>> governing(String directive) {
        return sources(directive).or(() -> sources("default-src"));
    }

    static boolean hasNonceOrHash(List<String> sources) {
        return sources.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha256-") || s.startsWith("'sha384-")
                                               || s.startsWith("'sha512-"));
    }
}
