package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack.Component;

/**
 * An Express app sets its security headers with helmet(), does not announce itself with
 * X-Powered-By, and says which proxies it trusts ({@code app.set('trust proxy', ...)}) so that
 * req.ip, req.secure and rate limits see the client rather than the load balancer.
 */
@CheckInfo(id = "config.express-hardening", title = "Express apps use helmet(), hide X-Powered-By and set 'trust proxy'",
        target = TargetKind.REPO,
        phrases = {"\\bhelmet\\b", "trust proxy", "x-powered-by", "\\bExpress\\b.*\\b(hardening|harden|hardened|security headers)\\b"},
        related = {"express:production-best-practices-security", "helmet"})
public final class ExpressHardeningCheck implements Check {
    private static final Pattern EXPRESS_APP = Pattern.compile("(?<![\\w$.])express\\(\\s*\\)");
    private static final Pattern HELMET = Pattern.compile("(?<![\\w$.])helmet\\(");
    private static final Pattern HELMET_KEEPS_POWERED_BY = Pattern.compile("\\b(xPoweredBy|hidePoweredBy)\\s*:\\s*false\\b");
    private static final Pattern DISABLE_POWERED_BY = Pattern.compile("\\.(disable|set)\\(\\s*['\"]x-powered-by['\"]");
    private static final Pattern TRUST_PROXY = Pattern.compile("\\.(set|enable)\\(\\s*['\"]trust proxy['\"]");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Calls.Call> apps = Calls.find(repo, EXPRESS_APP).stream().filter(c -> !c.file().endsWith(".py")).toList();
        if (!repo.stack().has(Component.EXPRESS) && apps.isEmpty()) {
            return Outcome.notApplicable("no Express app in the repository (stack: " + repo.stack().describe() + ")");
        }
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> doubts = new ArrayList<>();
        List<Evidence> seen = new ArrayList<>();
        Evidence app = apps.isEmpty() ? new Evidence.Note("Express is a dependency in package.json; no express() call was found")
                : new Evidence.FileLine(apps.getFirst().file(), apps.getFirst().line(), "express()");

        List<Calls.Call> helmets = js(Calls.find(repo, HELMET));
        helmets.forEach(h -> seen.add(call(h, "helmet")));
        if (helmets.isEmpty()) {
            problems.add(annotate(app, "no helmet(): no Content-Security-Policy, HSTS, nosniff or frame-ancestors headers"));
        }
        boolean helmetHides = helmets.stream().anyMatch(h -> !HELMET_KEEPS_POWERED_BY.matcher(JsOptions.withoutComments(h.arguments())).find());
        List<Calls.Call> disables = js(Calls.find(repo, DISABLE_POWERED_BY)).stream()
                .filter(c -> c.arguments().matches("(?s)\\s*['\"]x-powered-by['\"]\\s*(,\\s*false\\s*)?")).toList();
        disables.forEach(d -> seen.add(call(d, "x-powered-by")));
        if (!helmetHides && disables.isEmpty()) {
            problems.add(annotate(app, "X-Powered-By: Express is sent (neither helmet() nor app.disable('x-powered-by'))"));
        }
        List<Calls.Call> proxies = js(Calls.find(repo, TRUST_PROXY));
        for (Calls.Call p : proxies) {
            String written = p.arguments().replaceFirst("(?s)^\\s*['\"]trust proxy['\"]\\s*,?", "").strip();
            // app.enable('trust proxy') is app.set('trust proxy', true).
            String value = written.isEmpty() ? "true" : written;
            (value.equals("true") ? doubts : seen).add(new Evidence.FileLine(p.file(), p.line(), "trust proxy " + value
                    + (value.equals("true") ? " (trusts every hop: any client can set X-Forwarded-For; name the proxies or their number)" : "")));
        }
        if (proxies.isEmpty()) {
            doubts.add(annotate(app, "'trust proxy' is not set: behind a proxy or load balancer, req.ip is the proxy's and req.secure is false"));
        }
        if (!problems.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(problems);
            evidence.addAll(doubts);
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " Express hardening steps are missing",
                    fix(), evidence);
        }
        if (!doubts.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(doubts);
            evidence.addAll(seen);
            return Outcome.warn(doubts.getFirst().describe(), fix(), evidence);
        }
        return Outcome.pass("helmet(), no X-Powered-By and 'trust proxy' set", seen);
    }

    private static String fix() {
        return "npm install helmet; then app.use(helmet()) before the routes (it also removes X-Powered-By; without helmet use "
                + "app.disable('x-powered-by')), and behind a proxy app.set('trust proxy', 1) with the number of proxies in front "
                + "(or their addresses), never true on a public network.";
    }

    private static List<Calls.Call> js(List<Calls.Call> calls) {
        return calls.stream().filter(c -> !c.file().endsWith(".py")).toList();
    }

    private static Evidence call(Calls.Call c, String name) {
        String excerpt = c.excerpt();
        return new Evidence.FileLine(c.file(), c.line(), name.equals("helmet") ? "helmet(" + excerpt + ")" : "x-powered-by disabled (" + excerpt + ")");
    }

    private static Evidence annotate(Evidence app, String problem) {
        return switch (app) {
            case Evidence.FileLine f -> new Evidence.FileLine(f.path(), f.line(), f.excerpt() + ": " + problem);
            default -> new Evidence.Note(problem);
        };
    }
}
