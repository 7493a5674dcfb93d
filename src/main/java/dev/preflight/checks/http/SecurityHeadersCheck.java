package dev.preflight.checks.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;

/**
 * The home page's answer carries the security headers browsers act on, each graded on its own
 * (docs/checks/http.security-headers.md): CSP, X-Content-Type-Options, frame protection,
 * Referrer-Policy, Permissions-Policy, the Cross-Origin-* policies, and no software versions in
 * Server or X-Powered-By. The grades follow MDN HTTP Observatory's tests where it has one.
 */
@CheckInfo(id = "http.security-headers", title = "Security headers are set and no version leaks", target = TargetKind.URL,
        severity = Severity.MEDIUM,
        phrases = {"security headers", "content-security-policy", "\\bCSP\\b", "x-frame-options", "x-content-type-options", "referrer-policy",
                "permissions-policy", "clickjacking", "version (leak|disclosure)"},
        related = {"observatory:content-security-policy", "observatory:x-frame-options", "observatory:x-content-type-options"})
public final class SecurityHeadersCheck implements Check {
    static final String CSP = "Content-Security-Policy";
    static final String NOSNIFF = "X-Content-Type-Options";
    static final String FRAMES = "Frame protection";
    static final String REFERRER = "Referrer-Policy";
    static final String PERMISSIONS = "Permissions-Policy";
    static final String VERSIONS = "Version leaks";

    private static final String CSP_FIX = "Send a Content-Security-Policy that restricts scripts to your own origin with nonces or hashes "
            + "instead of 'unsafe-inline'/'unsafe-eval', e.g. default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'.";
    private static final String FRAMES_FIX = "Forbid framing by other sites: Content-Security-Policy: frame-ancestors 'self' (or 'none'), "
            + "or X-Frame-Options: DENY.";
    private static final Set<String> PRIVATE_REFERRERS = Set.of("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin");
    private static final Set<String> LEAKY_REFERRERS = Set.of("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z][\\w.-]*/v?\\d+(?:\\.\\d+)*|\\b\\d+\\.\\d+(?:\\.\\d+)*\\b");

    /** A Cross-Origin-* header, the values browsers accept for it, and what it does. */
    private record CrossOriginPolicy(String header, Set<String> values, String purpose) {
    }

    private static final List<CrossOriginPolicy> CROSS_ORIGIN = List.of(
            new CrossOriginPolicy("Cross-Origin-Opener-Policy", Set.of("unsafe-none", "same-origin-allow-popups", "same-origin",
                    "noopener-allow-popups"), "isolates the page's window from the pages it opens or is opened by"),
            new CrossOriginPolicy("Cross-Origin-Embedder-Policy", Set.of("unsafe-none", "require-corp", "credentialless"),
                    "with COOP, enables cross-origin isolation"),
            new CrossOriginPolicy("Cross-Origin-Resource-Policy", Set.of("same-site", "same-origin", "cross-origin"),
                    "says which sites may embed this resource"));

    @Override
    public Outcome run(CheckContext context) {
        HttpObservation page = Home.page(context.http());
        if (!page.answered()) {
            return Outcome.error("the home page could not be fetched: " + page.failure(), page.evidence());
        }
        boolean html = Home.isHtml(page);
        boolean https = page.url().regionMatches(true, 0, "https:", 0, 6);
        List<Csp> policies = Csp.parseAll(page.headers("content-security-policy"));
        List<Graded> graded = new ArrayList<>();
        graded.add(csp(page, policies, html, https));
        graded.add(nosniff(page));
        graded.add(frames(page, policies, html));
        graded.add(referrer(page));
        graded.add(permissions(page));
        CROSS_ORIGIN.forEach(p -> graded.add(crossOrigin(page, p)));
        graded.add(versions(page));
        return Graded.outcome(graded, "all " + graded.size() + " header rules pass on " + page.method() + " " + page.url()
                                      + " (HTTP " + page.status() + ")", page.evidence());
    }

    static Graded csp(HttpObservation page, List<Csp> policies, boolean html, boolean https) {
        if (policies.isEmpty()) {
            boolean reportOnly = !page.headers("content-security-policy-report-only").isEmpty();
            return Graded.failOnPages(html, CSP, reportOnly ? "only Content-Security-Policy-Report-Only is sent: nothing is enforced" : "not set",
                    CSP_FIX);
        }
        // Every policy sent is enforced, so the strictest one bounds what the page may load.
        Graded best = null;
        for (Csp policy : policies) {
            Graded g = grade(policy, https);
            if (best == null || g.status().rank() < best.status().rank()) {
                best = g;
            }
        }
        return best;
    }

    private static Graded grade(Csp policy, boolean https) {
        Optional<List<String>> governing = policy.governing("script-src");
        if (governing.isEmpty()) {
            return Graded.fail(CSP, "neither script-src nor default-src: scripts may come from anywhere", CSP_FIX);
        }
        List<String> scripts = new ArrayList<>(governing.get());
        boolean nonces = Csp.hasNonceOrHash(scripts);
        if (scripts.contains("'strict-dynamic'")) {
            if (!nonces) {
                return Graded.fail(CSP, "'strict-dynamic' without a nonce or hash", CSP_FIX);
            }
            // CSP 3 browsers ignore host sources, 'self' and 'unsafe-inline' next to 'strict-dynamic' and a nonce.
            scripts.removeIf(s -> Csp.BROAD.contains(s) || s.equals("'self'") || s.equals("'unsafe-inline'") || s.contains("://"));
        }
        List<String> style = policy.governing("style-src").orElse(List.of("*"));
        List<String> problems = new ArrayList<>();
        if (scripts.contains("'unsafe-inline'") && !nonces) {
            problems.add("script-src allows 'unsafe-inline'");
        }
        if (scripts.contains("'unsafe-eval'") || style.contains("'unsafe-eval'")) {
            problems.add("'unsafe-eval' allowed");
        }
        if (scripts.contains("data:")) {
            problems.add("script-src allows data:");
        }
        scripts.stream().filter(Csp.BROAD::contains).findFirst().ifPresent(s -> problems.add("script-src allows any host (" + s + ")"));
        Optional<List<String>> objects = policy.governing("object-src");
        if (objects.isEmpty() || objects.get().stream().anyMatch(Csp.BROAD::contains)) {
            problems.add("object-src not restricted (plugins from anywhere)");
        }
        if (https && activeSources(policy, scripts).stream().anyMatch(s -> s.startsWith("http:") || s.startsWith("ftp:"))) {
            problems.add("plain http: sources for scripts or frames on an https page");
        }
        if (!problems.isEmpty()) {
            return Graded.fail(CSP, String.join(", ", problems), CSP_FIX);
        }
        List<String> warnings = new ArrayList<>();
        if (style.stream().anyMatch(s -> s.equals("'unsafe-inline'") && !Csp.hasNonceOrHash(style) || s.equals("data:") || Csp.BROAD.contains(s))) {
            warnings.add("style-src allows inline or any-host styles");
        }
        if (https && passiveSources(policy).stream().anyMatch(s -> s.startsWith("http:"))) {
            warnings.add("plain http: sources for images or media on an https page");
        }
        if (!warnings.isEmpty()) {
            return Graded.warn(CSP, "scripts restricted, but " + String.join(", ", warnings),
                    "Drop 'unsafe-inline' from style-src (use nonces or hashes) and load every resource over https.");
        }
        boolean defaultNone = policy.sources("default-src").filter(List.of("'none'")::equals).isPresent();
        return Graded.pass(CSP, "scripts restricted" + (defaultNone ? ", default-src 'none'" : "") + ", no 'unsafe-inline' or 'unsafe-eval'");
    }

    private static List<String> activeSources(Csp policy, List<String> scripts) {
        List<String> out = new ArrayList<>(scripts);
        policy.directives().forEach((name, sources) -> {
            if (!Set.of("script-src", "img-src", "media-src").contains(name)) {
                out.addAll(sources);
            }
        });
        return out;
    }

    private static List<String> passiveSources(Csp policy) {
        List<String> out = new ArrayList<>();
        policy.governing("img-src").ifPresent(out::addAll);
        policy.governing("media-src").ifPresent(out::addAll);
        return out;
    }

    static Graded nosniff(HttpObservation page) {
        Optional<String> value = page.header("x-content-type-options");
        if (value.isEmpty()) {
            return Graded.fail(NOSNIFF, "not set", "Send X-Content-Type-Options: nosniff on every response.");
        }
        return value.get().strip().equalsIgnoreCase("nosniff") ? Graded.pass(NOSNIFF, "nosniff")
                : Graded.fail(NOSNIFF, "invalid value '" + shorten(value.get()) + "' (only nosniff means anything)",
                "Send X-Content-Type-Options: nosniff on every response.");
    }

    static Graded frames(HttpObservation page, List<Csp> policies, boolean html) {
        Optional<List<String>> ancestors = policies.stream().map(p -> p.sources("frame-ancestors")).flatMap(Optional::stream).findFirst();
        if (ancestors.isPresent()) {
            Optional<String> broad = ancestors.get().stream().filter(Csp.BROAD::contains).findFirst();
            return broad.isPresent()
                    ? Graded.failOnPages(html, FRAMES, "CSP frame-ancestors allows any site (" + broad.get() + ")", FRAMES_FIX)
                    : Graded.pass(FRAMES, "CSP frame-ancestors " + String.join(" ", ancestors.get()));
        }
        Optional<String> xfo = page.header("x-frame-options");
        if (xfo.isEmpty()) {
            return Graded.failOnPages(html, FRAMES, "neither X-Frame-Options nor CSP frame-ancestors is set", FRAMES_FIX);
        }
        String value = xfo.get().strip().toLowerCase(Locale.ROOT);
        if (value.equals("deny") || value.equals("sameorigin")) {
            return Graded.pass(FRAMES, "X-Frame-Options " + value.toUpperCase(Locale.ROOT));
        }
        if (value.startsWith("allow-from")) {
            return Graded.failOnPages(html, FRAMES, "X-Frame-Options ALLOW-FROM is ignored by current browsers: framing is not restricted",
                    FRAMES_FIX);
        }
        return Graded.failOnPages(html, FRAMES, "X-Frame-Options has an invalid value '" + shorten(xfo.get()) + "', which browsers ignore",
                FRAMES_FIX);
    }

    static Graded referrer(HttpObservation page) {
        List<String> values = page.headers("referrer-policy");
        String fix = "Send Referrer-Policy: strict-origin-when-cross-origin (or no-referrer).";
        if (values.isEmpty()) {
            return Graded.warn(REFERRER, "not set: the browser's default decides what leaks in the Referer header", fix);
        }
        // Browsers take the last policy token they understand, which lets sites list fallbacks.
        List<String> tokens = new ArrayList<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                tokens.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        String policy = tokens.reversed().stream().filter(t -> PRIVATE_REFERRERS.contains(t) || LEAKY_REFERRERS.contains(t)).findFirst().orElse("");
        if (PRIVATE_REFERRERS.contains(policy)) {
            return Graded.pass(REFERRER, policy);
        }
        if (LEAKY_REFERRERS.contains(policy)) {
            return Graded.fail(REFERRER, policy + " sends the page's address (or origin) to other sites", fix);
        }
        return Graded.fail(REFERRER, "no valid policy in '" + shorten(String.join(", ", values)) + "'", fix);
    }

    static Graded permissions(HttpObservation page) {
        Optional<String> value = page.header("permissions-policy");
        String fix = "Send Permissions-Policy turning off the features the site does not use, e.g. camera=(), microphone=(), geolocation=().";
        if (value.isPresent()) {
            long features = List.of(value.get().split(",")).stream().filter(f -> f.contains("=")).count();
            return features > 0 ? Graded.pass(PERMISSIONS, features + " feature(s) set")
                    : Graded.fail(PERMISSIONS, "no feature=allowlist pair in '" + shorten(value.get()) + "'", fix);
        }
        return page.header("feature-policy").isPresent()
                ? Graded.warn(PERMISSIONS, "only the obsolete Feature-Policy header is sent", fix)
                : Graded.warn(PERMISSIONS, "not set: every powerful feature stays available to the page and its frames", fix);
    }

    private static Graded crossOrigin(HttpObservation page, CrossOriginPolicy policy) {
        Optional<String> value = page.header(policy.header());
        if (value.isEmpty()) {
            return Graded.pass(policy.header(), "not set (optional: " + policy.purpose() + ")");
        }
        String v = value.get().strip().toLowerCase(Locale.ROOT).replaceFirst(";.*", "").strip();
        return policy.values().contains(v) ? Graded.pass(policy.header(), v)
                : Graded.fail(policy.header(), "invalid value '" + shorten(value.get()) + "', which browsers ignore",
                "Use one of " + String.join(", ", policy.values().stream().sorted().toList()) + ".");
    }

    static Graded versions(HttpObservation page) {
        String fix = "Hide versions: nginx server_tokens off; Apache ServerTokens Prod; Express app.disable('x-powered-by') or helmet; "
                     + "PHP expose_php = Off.";
        List<String> leaks = new ArrayList<>();
        for (String header : List.of("server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version")) {
            page.header(header).filter(v -> VERSION.matcher(v).find()).ifPresent(v -> leaks.add(header + ": " + shorten(v)));
        }
        if (!leaks.isEmpty()) {
            return Graded.fail(VERSIONS, String.join(", ", leaks), fix);
        }
        Optional<String> poweredBy = page.header("x-powered-by");
        if (poweredBy.isPresent()) {
            return Graded.warn(VERSIONS, "X-Powered-By names the framework (" + shorten(poweredBy.get()) + ")", fix);
        }
        return Graded.pass(VERSIONS, page.header("server").map(s -> "Server: " + shorten(s) + ", no version").orElse("no Server version"));
    }

    private static String shorten(String value) {
        String v = value.strip();
        return v.length() <= 120 ? v : v.substring(0, 117) + "...";
    }
}
