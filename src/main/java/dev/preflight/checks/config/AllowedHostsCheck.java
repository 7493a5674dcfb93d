package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
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
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Lines;

/**
 * Django's ALLOWED_HOSTS and Starlette's TrustedHostMiddleware name real hosts: not empty, no
 * {@code '*'}. A list from the environment is followed to the env files and compose services that
 * set it.
 */
@CheckInfo(id = "config.allowed-hosts", title = "Allowed hosts are set to the real domains, no wildcard", target = TargetKind.REPO,
        phrases = {"ALLOWED_HOSTS", "allowed hosts", "trusted hosts?\\b", "host header"},
        related = {"django:security.W020"})
public final class AllowedHostsCheck implements Check {
    private static final Pattern TRUSTED_HOST = Pattern.compile("TrustedHostMiddleware\\s*,([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern HOSTS_ARG = Pattern.compile("allowed_hosts\\s*=\\s*(\\[[^\\]]*\\])");

    @Override
    public Outcome run(CheckContext context) {
        return PythonConfig.withDeployEnvironment(context, this::evaluate);
    }

    private Outcome evaluate(CheckContext context, DeployEnvironment env) {
        RepoSnapshot repo = context.repo();
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> seen = new ArrayList<>();
        List<PythonSettings> django = PythonConfig.djangoSettings(repo);
        for (PythonSettings s : django) {
            var hosts = s.get("ALLOWED_HOSTS");
            if (hosts.isEmpty()) {
                problems.add(new Evidence.FileLine(s.path(), 0, "ALLOWED_HOSTS is not set (Django's default is empty)"));
                continue;
            }
            var a = hosts.get();
            Evidence here = new Evidence.FileLine(a.file(), a.line(), a.excerpt());
            switch (a.value()) {
                case PythonSettings.StrList l when l.items().isEmpty() -> problems.add(here);
                case PythonSettings.StrList l when l.items().stream().anyMatch(AllowedHostsCheck::wildcard) -> problems.add(here);
                case PythonSettings.FromEnv e -> followed(e.variable(), env, here, problems, seen);
                default -> seen.add(here);
            }
        }
        int trusted = 0;
        for (PythonSettings m : PythonConfig.modules(repo)) {
            String text = repo.read(m.path()).orElse("");
            Matcher t = TRUSTED_HOST.matcher(text);
            while (t.find()) {
                trusted++;
                int line = Lines.lineAt(text, t.start());
                Matcher h = HOSTS_ARG.matcher(t.group(1));
                Evidence here = new Evidence.FileLine(m.path(), line, "TrustedHostMiddleware " + (h.find() ? "allowed_hosts=" + h.group(1) : "(no allowed_hosts: '*')"));
                boolean bad = h.find(0) ? h.group(1).contains("\"*\"") || h.group(1).contains("'*'") : true;
                (bad ? problems : seen).add(here);
            }
        }
        if (django.isEmpty() && trusted == 0) {
            return Outcome.notApplicable("no Django settings module nor TrustedHostMiddleware in the repository (stack: "
                    + repo.stack().describe() + ")");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? "allowed hosts: " + problems.getFirst().describe() : problems.size() + " allowed-hosts problems",
                    "Name the production domains: ALLOWED_HOSTS = ['api.example.com'] (or from the environment, set per deployment); "
                            + "no '*' and no empty list.", problems);
        }
        return Outcome.pass("allowed hosts name real hosts", seen);
    }

    private static void followed(String variable, DeployEnvironment env, Evidence here, List<Evidence> problems, List<Evidence> seen) {
        seen.add(here);
        for (DeployEnvironment.Setting s : env.of(variable)) {
            if (s.reference() || DeployEnvironment.isTemplate(s.file()) || DeployEnvironment.isDevelopment(s.file())) {
                continue;
            }
            Evidence set = new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + s.value());
            boolean bad = s.value().isBlank() || List.of(s.value().split("[,\\s]+")).stream().anyMatch(AllowedHostsCheck::wildcard);
            (bad ? problems : seen).add(set);
        }
    }

    private static boolean wildcard(String host) {
        return host.strip().equals("*");
    }

}
