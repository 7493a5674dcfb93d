package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Lines;

/**
 * The repository configures a rate limit somewhere on the request path: nginx {@code limit_req},
 * or a framework limiter that is both a dependency and used in the code. A limiter listed as a
 * dependency but never applied does not count: it is the most common way this item is ticked
 * falsely. Whether the limit really answers 429 under load is the live check {@code http.rate-limit}.
 */
@CheckInfo(id = "config.rate-limit", title = "A rate limit is configured (nginx limit_req, framework limiter)",
        target = TargetKind.REPO, severity = Severity.HIGH,
        phrases = {"rate[- ]?limit\\w*\\s+(settings|config\\w*|rules?)", "rate[- ]?limit\\w*\\b.*\\bnginx", "limit_req",
                "express-rate-limit|flask-limiter|slowapi|django-ratelimit"},
        related = {"nginx:limit_req"})
public final class RateLimitCheck implements Check {

    /** A limiter: the dependency that provides it, and the code that shows it applied. */
    record Limiter(String name, Pattern manifest, Pattern manifestFile, Pattern usage, Pattern codeFile) {
        Limiter(String name, String manifest, String manifestFile, String usage, String codeFile) {
            this(name, Pattern.compile(manifest, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE), Pattern.compile(manifestFile),
                    Pattern.compile(usage), Pattern.compile(codeFile));
        }
    }

    private static final String PY_MANIFEST = "(^|/)(requirements[\\w.-]*\\.txt|pyproject\\.toml|Pipfile|setup\\.(py|cfg))$";
    private static final String PY = "\\.py$";
    private static final String JS_MANIFEST = "(^|/)package\\.json$";
    private static final String JS = "\\.(js|mjs|cjs|ts)$";
    static final List<Limiter> LIMITERS = List.of(
            new Limiter("Flask-Limiter", "^\\s*flask[-_]limiter\\b", PY_MANIFEST, "\\bLimiter\\s*\\(|@\\w+\\.limit\\(", PY),
            new Limiter("SlowAPI", "^\\s*slowapi\\b", PY_MANIFEST, "\\bLimiter\\s*\\(|@\\w+\\.limit\\(", PY),
            new Limiter("django-ratelimit", "^\\s*django[-_]ratelimit\\b", PY_MANIFEST, "@ratelimit\\(|\\bRatelimitMiddleware\\b", PY),
            new Limiter("Django REST framework throttling", "^\\s*djangorestframework\\b", PY_MANIFEST,
                    "DEFAULT_THROTTLE_(CLASSES|RATES)|throttle_classes\\s*=", PY),
            new Limiter("express-rate-limit", "\"express-rate-limit\"", JS_MANIFEST, "\\brateLimit\\s*\\(|require\\(['\"]express-rate-limit['\"]\\)\\s*\\(", JS),
            new Limiter("rate-limiter-flexible", "\"rate-limiter-flexible\"", JS_MANIFEST, "\\bRateLimiter\\w*\\s*\\(", JS),
            new Limiter("Bucket4j", "bucket4j", "(^|/)(pom\\.xml|build\\.gradle(\\.kts)?)$", "\\bBucket(4j)?\\b.*\\b(builder|addLimit)\\b|Bandwidth\\.", "\\.(java|kt)$"),
            new Limiter("Resilience4j RateLimiter", "resilience4j-ratelimiter", "(^|/)(pom\\.xml|build\\.gradle(\\.kts)?)$",
                    "@RateLimiter\\(|RateLimiter\\.of\\(", "\\.(java|kt)$"),
            new Limiter("golang.org/x/time/rate", "golang\\.org/x/time", "(^|/)go\\.mod$", "\\brate\\.NewLimiter\\(", "\\.go$"));
    private static final Pattern NGINX_LIMIT = Pattern.compile("^\\s*limit_req\\s+zone=", Pattern.MULTILINE);
    private static final Pattern NGINX_ZONE = Pattern.compile("^\\s*limit_req_zone\\s", Pattern.MULTILINE);

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Evidence> applied = new ArrayList<>();
        List<Evidence> unused = new ArrayList<>();
        for (String file : repo.files()) {
            if (file.toLowerCase(Locale.ROOT).endsWith(".conf") || file.contains("nginx")) {
                String text = repo.read(file).orElse("");
                Matcher m = NGINX_LIMIT.matcher(text);
                if (m.find() && (NGINX_ZONE.matcher(text).find() || anyZone(repo))) {
                    applied.add(new Evidence.FileLine(file, Lines.lineAt(text, m.start()), "nginx: " + Lines.lineOf(text, m.start())));
                }
            }
        }
        for (Limiter limiter : LIMITERS) {
            Evidence declared = declared(repo, limiter);
            if (declared == null) {
                continue;
            }
            Evidence used = used(repo, limiter);
            if (used != null) {
                applied.add(used);
            } else {
                unused.add(declared);
            }
        }
        if (!applied.isEmpty()) {
            return Outcome.pass("rate limit configured: " + applied.getFirst().describe(), applied);
        }
        if (!unused.isEmpty()) {
            return Outcome.fail("a rate limiter is a dependency but is applied nowhere",
                    "Apply it to the routes that need it (a decorator, a middleware, or a default limit), or limit in nginx "
                            + "with limit_req_zone and limit_req.", unused);
        }
        return Outcome.fail("no rate limit found: no nginx limit_req and no framework limiter",
                "Limit requests in the reverse proxy (nginx limit_req_zone + limit_req) or in the application "
                        + "(Flask-Limiter, SlowAPI, django-ratelimit, DRF throttling, express-rate-limit, Bucket4j, x/time/rate).",
                new Evidence.Note("searched " + repo.files().size() + " files"));
    }

    private static boolean anyZone(RepoSnapshot repo) {
        return repo.files().stream().filter(f -> f.endsWith(".conf"))
                .anyMatch(f -> NGINX_ZONE.matcher(repo.read(f).orElse("")).find());
    }

    private static Evidence declared(RepoSnapshot repo, Limiter limiter) {
        for (String file : repo.files()) {
            if (limiter.manifestFile().matcher(file).find()) {
                String text = repo.read(file).orElse("");
                Matcher m = limiter.manifest().matcher(text);
                if (m.find()) {
                    return new Evidence.FileLine(file, Lines.lineAt(text, m.start()), limiter.name() + " is declared but not applied");
                }
            }
        }
        return null;
    }

    private static Evidence used(RepoSnapshot repo, Limiter limiter) {
        for (String file : repo.files()) {
            if (limiter.codeFile().matcher(file).find() && !file.contains("test")) {
                String text = repo.read(file).orElse("");
                Matcher m = limiter.usage().matcher(text);
                if (m.find()) {
                    return new Evidence.FileLine(file, Lines.lineAt(text, m.start()), limiter.name() + ": " + Lines.lineOf(text, m.start()));
                }
            }
        }
        return null;
    }
}
