package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Assignment;
import dev.preflight.collect.PythonSettings.Value;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack.Component;

/**
 * Session cookies are sent over HTTPS only, kept from scripts and given a SameSite policy: Flask's
 * SESSION_COOKIE_SECURE, SESSION_COOKIE_HTTPONLY and SESSION_COOKIE_SAMESITE in the production
 * configuration, and the cookie options of Express's express-session and cookie-session. Django's
 * session cookie is judged by config.django-deploy.
 */
@CheckInfo(id = "config.session-cookies", title = "Session cookies are Secure, HttpOnly and SameSite (Flask, Express)",
        target = TargetKind.REPO,
        phrases = {"secure (session )?cookies?", "session cookies? (settings|flags|options|attributes)", "express-session", "cookie-session",
                "SESSION_COOKIE_SAMESITE"},
        related = {"flask:SESSION_COOKIE_SECURE", "express-session:cookie.secure"})
public final class SessionCookiesCheck implements Check {
    private static final String SECURE = "SESSION_COOKIE_SECURE";
    private static final String HTTPONLY = "SESSION_COOKIE_HTTPONLY";
    private static final String SAMESITE = "SESSION_COOKIE_SAMESITE";
    private static final Set<String> FLASK_SETTINGS = Set.of(SECURE, HTTPONLY, SAMESITE);
    private static final Pattern PRODUCTION_CLASS = Pattern.compile("(?i)prod");
    private static final Pattern CONFIG_UPDATE = Pattern.compile("\\.config\\.(update|from_mapping)\\(");
    private static final Pattern KEYWORD = Pattern.compile("(?s)^\\s*(SESSION_COOKIE_[A-Z]+)\\s*=\\s*(.+?)\\s*$");
    private static final Pattern JS_SOURCE = Pattern.compile("\\.(js|mjs|cjs|ts)$");
    private static final Pattern IMPORT = Pattern.compile(
            "(?:(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*require\\(\\s*|import\\s+([A-Za-z_$][\\w$]*)\\s+from\\s+)['\"](express-session|cookie-session)['\"]");
    private static final Set<String> FALSE_WORDS = Set.of("false", "0", "no", "off", "");
    private static final Set<String> SAMESITE_VALUES = Set.of("lax", "strict", "none");

    /** What the check saw: problems fail it, doubts make it a warning, the rest is evidence of a pass. */
    private record Findings(List<Evidence> problems, List<Evidence> doubts, List<Evidence> seen) {
        Findings() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        DeployEnvironment env = DeployEnvironment.of(context.repo());
        return PythonConfig.withUnreadable(evaluate(context.repo(), env), env);
    }

    private Outcome evaluate(RepoSnapshot repo, DeployEnvironment env) {
        var stack = repo.stack();
        Findings found = new Findings();
        List<SessionCall> sessions = expressSessions(repo);
        if (!stack.has(Component.FLASK) && sessions.isEmpty()) {
            String why = stack.has(Component.EXPRESS) ? "the Express app uses neither express-session nor cookie-session"
                    : "no Flask or Express app in the repository; Django's session cookie is checked by config.django-deploy";
            return Outcome.notApplicable(why + " (stack: " + stack.describe() + ")");
        }
        if (stack.has(Component.FLASK)) {
            flask(repo, env, found);
        }
        for (SessionCall session : sessions) {
            express(session, found);
        }
        if (!found.problems().isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(found.problems());
            evidence.addAll(found.doubts());
            return Outcome.fail(found.problems().size() == 1 ? "session cookie: " + found.problems().getFirst().describe()
                    : found.problems().size() + " session cookie settings are missing or insecure", fix(), evidence);
        }
        if (!found.doubts().isEmpty()) {
            return Outcome.warn(found.doubts().size() == 1 ? "session cookie: " + found.doubts().getFirst().describe()
                    : found.doubts().size() + " session cookie settings to confirm", fix(), found.doubts());
        }
        return Outcome.pass("session cookies are Secure, HttpOnly and SameSite (" + found.seen().size() + " setting(s))", found.seen());
    }

    private static String fix() {
        return "Flask: in the production config set SESSION_COOKIE_SECURE = True, SESSION_COOKIE_HTTPONLY = True and "
                + "SESSION_COOKIE_SAMESITE = 'Lax'. Express: session({ ..., cookie: { secure: true, httpOnly: true, sameSite: 'lax' } }) "
                + "or cookieSession({ ..., secure: true, httpOnly: true, sameSite: 'lax' }), with app.set('trust proxy', 1) behind a proxy.";
    }

    private static void flask(RepoSnapshot repo, DeployEnvironment env, Findings found) {
        Map<String, List<Assignment>> all = new HashMap<>();
        Map<String, List<Assignment>> production = new HashMap<>();
        for (Assignment a : PythonConfig.assignments(repo)) {
            if (FLASK_SETTINGS.contains(a.name())) {
                all.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a);
            }
        }
        for (PythonSettings m : PythonConfig.modules(repo)) {
            m.classes().values().stream().filter(c -> PRODUCTION_CLASS.matcher(c.name()).find())
                    .flatMap(c -> c.attributes().values().stream()).filter(a -> FLASK_SETTINGS.contains(a.name())).distinct()
                    .forEach(a -> production.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a));
        }
        configUpdates(repo).forEach(a -> all.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a));
        for (String setting : List.of(SECURE, HTTPONLY, SAMESITE)) {
            // What a production class has, its own or inherited, is what deploys: it decides over the other classes.
            List<Assignment> judged = production.getOrDefault(setting, all.getOrDefault(setting, List.of()));
            if (judged.isEmpty()) {
                if (setting.equals(SECURE)) {
                    found.problems().add(new Evidence.Note(SECURE + " is not set (Flask's default: False, the cookie goes over plain HTTP)"));
                } else if (setting.equals(SAMESITE)) {
                    found.doubts().add(new Evidence.Note(SAMESITE + " is not set (Flask's default: None, the browser decides)"));
                }
                continue;
            }
            judged.forEach(a -> judgeFlask(a, env, found));
        }
    }

    private static void judgeFlask(Assignment a, DeployEnvironment env, Findings found) {
        Evidence.FileLine here = new Evidence.FileLine(a.file(), a.line(), a.excerpt());
        Value v = a.value();
        if (v instanceof PythonSettings.FromEnv e) {
            List<DeployEnvironment.Setting> set = env.of(e.variable()).stream()
                    .filter(s -> !s.reference() && !DeployEnvironment.isTemplate(s.file()) && !DeployEnvironment.isDevelopment(s.file())).toList();
            if (set.isEmpty()) {
                boolean unsafeDefault = e.fallback().map(f -> !flaskSafe(a.name(), f)).orElse(false);
                (unsafeDefault ? found.doubts() : found.seen()).add(note(here, "from the environment (" + e.variable() + ")"
                        + (unsafeDefault ? ", which no deploy file of the repository sets; the default is " + e.fallback().get().describe() : "")));
            }
            for (DeployEnvironment.Setting s : set) {
                boolean safe = flaskSafe(a.name(), PythonSettings.value(quoteIfWord(s.value().strip())));
                (safe ? found.seen() : found.problems()).add(new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + s.value()
                        + " (read as " + a.name() + ")"));
            }
            return;
        }
        if (v instanceof PythonSettings.Expr) {
            found.seen().add(note(here, "not evaluated"));
            return;
        }
        if (flaskSafe(a.name(), v)) {
            found.seen().add(here);
        } else if (a.name().equals(SAMESITE)) {
            found.doubts().add(note(here, "not 'Lax' or 'Strict'"));
        } else {
            found.problems().add(note(here, a.name().equals(SECURE) ? "the cookie goes over plain HTTP" : "scripts can read the cookie"));
        }
    }

    /** Environment values are plain text: "True" reads as a boolean, "Lax" as a string. */
    private static String quoteIfWord(String raw) {
        return raw.matches("(?i)true|false|none|\\d+") ? capitalize(raw) : "'" + raw + "'";
    }

    private static String capitalize(String raw) {
        return raw.matches("\\d+") ? raw : raw.substring(0, 1).toUpperCase(Locale.ROOT) + raw.substring(1).toLowerCase(Locale.ROOT);
    }

    private static boolean flaskSafe(String setting, Value v) {
        if (setting.equals(SAMESITE)) {
            return v instanceof PythonSettings.Str s && SAMESITE_VALUES.contains(s.text().toLowerCase(Locale.ROOT));
        }
        if (v instanceof PythonSettings.Str s) {
            return !FALSE_WORDS.contains(s.text().strip().toLowerCase(Locale.ROOT));
        }
        return PythonConfig.isTrue(v);
    }

    /** {@code app.config.update(SESSION_COOKIE_SECURE=True, ...)}: keyword arguments, which the settings reader does not see. */
    private static List<Assignment> configUpdates(RepoSnapshot repo) {
        List<Assignment> out = new ArrayList<>();
        for (Calls.Call c : Calls.find(repo, CONFIG_UPDATE)) {
            if (!c.file().endsWith(".py")) {
                continue;
            }
            int line = c.line();
            for (String part : PythonSettings.splitTopLevel(c.arguments())) {
                Matcher m = KEYWORD.matcher(part);
                int lead = part.length() - part.stripLeading().length();
                int at = line + (int) part.substring(0, lead).chars().filter(ch -> ch == '\n').count();
                if (m.matches() && FLASK_SETTINGS.contains(m.group(1))) {
                    out.add(new Assignment(m.group(1), PythonSettings.value(m.group(2)), c.file(), at, m.group(1) + "=" + m.group(2)));
                }
                line += (int) part.chars().filter(ch -> ch == '\n').count();
            }
        }
        return out;
    }

    /** A call of express-session's or cookie-session's middleware. */
    private record SessionCall(Calls.Call call, String module) {
    }

    /** Calls of express-session's or cookie-session's middleware, under the names the files import them by. */
    private static List<SessionCall> expressSessions(RepoSnapshot repo) {
        Map<String, Map<String, String>> modulesByName = new HashMap<>();
        for (String f : repo.files()) {
            if (JS_SOURCE.matcher(f).find()) {
                Matcher m = IMPORT.matcher(repo.read(f).orElse(""));
                while (m.find()) {
                    modulesByName.computeIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), k -> new HashMap<>()).put(f, m.group(3));
                }
            }
        }
        List<SessionCall> out = new ArrayList<>();
        modulesByName.forEach((name, files) -> Calls.find(repo, Pattern.compile("(?<![\\w$.])" + Pattern.quote(name) + "\\(")).stream()
                .filter(c -> files.containsKey(c.file()))
                .forEach(c -> out.add(new SessionCall(c, files.get(c.file())))));
        return out;
    }

    private static void express(SessionCall session, Findings found) {
        Calls.Call call = session.call();
        Optional<JsOptions> options = JsOptions.parse(call.arguments());
        Evidence.FileLine where = new Evidence.FileLine(call.file(), call.line(), "");
        if (options.isEmpty()) {
            found.seen().add(at(where, session.module() + " options passed as a variable: not evaluated"));
            return;
        }
        if (session.module().equals("cookie-session")) {
            judgeExpress(options.get(), where, found);
            return;
        }
        Optional<String> cookie = options.get().get("cookie");
        if (cookie.isEmpty()) {
            found.problems().add(at(where, "session({...}) without cookie options: express-session's cookie is not Secure by default"));
        } else if (options.get().object("cookie").isEmpty()) {
            found.seen().add(at(where, "session cookie: " + cookie.get() + " (not evaluated)"));
        } else {
            judgeExpress(options.get().object("cookie").get(), where, found);
        }
    }

    private static void judgeExpress(JsOptions cookie, Evidence.FileLine where, Findings found) {
        String secure = cookie.get("secure").orElse("");
        String httpOnly = cookie.get("httpOnly").orElse("true");
        String sameSite = cookie.get("sameSite").orElse("");
        String written = "secure: " + (secure.isEmpty() ? "(not set)" : secure) + ", httpOnly: " + httpOnly + ", sameSite: "
                + (sameSite.isEmpty() ? "(not set)" : sameSite);
        boolean problem = false;
        if (secure.isEmpty() || secure.equals("false")) {
            found.problems().add(at(where, "session cookie " + written + " (the cookie goes over plain HTTP)"));
            problem = true;
        }
        if (httpOnly.equals("false")) {
            found.problems().add(at(where, "session cookie " + written + " (scripts can read the cookie)"));
            problem = true;
        }
        if (sameSite.isEmpty() || sameSite.equals("false")) {
            found.doubts().add(at(where, "session cookie " + written + " (no SameSite policy)"));
        } else if (!problem) {
            boolean literal = secure.matches("true|['\"]auto['\"]");
            found.seen().add(at(where, "session cookie " + written + (literal ? "" : " (secure not evaluated)")));
        }
    }

    private static Evidence.FileLine at(Evidence.FileLine where, String excerpt) {
        return new Evidence.FileLine(where.path(), where.line(), excerpt);
    }

    private static Evidence.FileLine note(Evidence.FileLine here, String note) {
        return new Evidence.FileLine(here.path(), here.line(), here.excerpt() + " (" + note + ")");
    }
}
