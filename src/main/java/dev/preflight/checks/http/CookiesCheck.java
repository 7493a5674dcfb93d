package dev.preflight.checks.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.text.Mask;

/**
 * Each cookie the home page sets (Set-Cookie on its answer and on the same-host redirect before it)
 * is Secure, HttpOnly when it holds a session, and says its SameSite. Values are masked in evidence.
 */
@CheckInfo(id = "http.cookies", title = "Cookies are Secure, HttpOnly and SameSite", target = TargetKind.URL,
        phrases = {"\\bcookies?\\b"},
        related = {"observatory:cookies", "django:security.W012"})
public final class CookiesCheck implements Check {
    /** Names that hold a session or a credential: these must be out of scripts' reach. The Observatory looks for "sess" and "login". */
    private static final Pattern SESSION = Pattern.compile("sess|sid|login|auth|token|jwt|remember", Pattern.CASE_INSENSITIVE);
    /** Anti-CSRF tokens are read by the page's own scripts to echo them back (Django's csrftoken, Angular's XSRF-TOKEN). */
    private static final Pattern ANTI_CSRF = Pattern.compile("csrf|xsrf", Pattern.CASE_INSENSITIVE);
    private static final String FIX = "Set session cookies with Secure; HttpOnly; SameSite=Lax (Django SESSION_COOKIE_SECURE/HTTPONLY/SAMESITE, "
            + "Flask SESSION_COOKIE_*, Express cookie: { secure: true, httpOnly: true, sameSite: 'lax' }).";

    /** One Set-Cookie: the name, the value, and the attributes by lowercased name (a flag's value is empty). */
    record SetCookie(String name, String value, Map<String, String> attributes) {

        static Optional<SetCookie> parse(String header) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].strip();
                int at = part.indexOf('=');
                String key = (at < 0 ? part : part.substring(0, at)).strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    attributes.putIfAbsent(key, at < 0 ? "" : part.substring(at + 1).strip());
                }
            }
            return Optional.of(new SetCookie(parts[0].substring(0, eq).strip(), parts[0].substring(eq + 1).strip(), attributes));
        }

        boolean has(String attribute) {
            return attributes.containsKey(attribute);
        }

        /** The cookie as evidence shows it: the value masked, the attributes that matter. */
        String masked() {
            StringBuilder out = new StringBuilder(name).append('=').append(Mask.secret(value));
            attributes.forEach((k, v) -> {
                if (List.of("secure", "httponly", "samesite").contains(k)) {
                    out.append("; ").append(k).append(v.isEmpty() ? "" : "=" + v);
                }
            });
            return out.toString();
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        List<HttpObservation> answers = Home.answers(context.http());
        HttpObservation page = answers.getLast();
        if (answers.stream().noneMatch(HttpObservation::answered)) {
            return Outcome.error("the home page could not be fetched: " + answers.getFirst().failure(), answers.getFirst().evidence());
        }
        List<SetCookie> cookies = answers.stream().flatMap(a -> a.headers("set-cookie").stream())
                .map(SetCookie::parse).flatMap(Optional::stream).toList();
        if (cookies.isEmpty()) {
            return Outcome.unverified("GET " + page.url() + " set no cookie: cookies set later (after a login) are not seen; "
                                      + "the repository's settings are judged by config.session-cookies");
        }
        List<Graded> graded = new ArrayList<>();
        for (SetCookie cookie : cookies) {
            graded.add(grade(cookie));
        }
        return Graded.outcome(graded, cookies.size() + " cookie(s) set with Secure, HttpOnly where they hold a session, and SameSite",
                answers.getFirst().evidence());
    }

    static Graded grade(SetCookie cookie) {
        String subject = "Cookie " + cookie.masked();
        boolean session = SESSION.matcher(cookie.name()).find() && !ANTI_CSRF.matcher(cookie.name()).find();
        List<String> problems = new ArrayList<>();
        if (!cookie.has("secure")) {
            problems.add("no Secure: sent over plain HTTP too");
        }
        if (session && !cookie.has("httponly")) {
            problems.add("no HttpOnly on a session cookie: scripts can read it");
        }
        Optional<String> sameSite = Optional.ofNullable(cookie.attributes().get("samesite")).map(s -> s.toLowerCase(Locale.ROOT));
        if (sameSite.isPresent() && !List.of("lax", "strict", "none").contains(sameSite.get())) {
            problems.add("SameSite has an invalid value");
        } else if (sameSite.filter("none"::equals).isPresent() && !cookie.has("secure")) {
            problems.add("SameSite=None without Secure, which browsers reject");
        }
        if (!problems.isEmpty()) {
            return Graded.fail(subject, String.join(", ", problems), FIX);
        }
        if (sameSite.isEmpty()) {
            return Graded.warn(subject, "no SameSite: browsers differ in what they assume", FIX);
        }
        return Graded.pass(subject, session ? "a session cookie, locked down" : "Secure, SameSite" + (cookie.has("httponly") ? ", HttpOnly" : ""));
    }
}
