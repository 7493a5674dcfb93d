package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack.Component;

/**
 * The worker count of gunicorn and uvicorn, from gunicorn.conf.py ({@code workers = ...}, formulas
 * on {@code multiprocessing.cpu_count()} read), {@code -w}/{@code --workers} on command lines and
 * WEB_CONCURRENCY, held against the item's per-core rule. A fixed count passes when some whole
 * number of cores puts it inside the rule.
 */
@CheckInfo(id = "config.workers", title = "Worker count fits the item's rule (e.g. 2-4 per CPU core)", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\bworkers?\\b.*\\bper (cpu|core)", "\\b(gunicorn|uvicorn|puma|pm2)\\b.*\\bworkers?\\b", "\\bworker (count|processes)"},
        params = {"minCount", "maxCount"},
        related = {"gunicorn:workers"})
public final class WorkersCheck implements Check {
    private static final Pattern SERVER = Pattern.compile("\\b(gunicorn|uvicorn)\\b");
    private static final Pattern FLAG = Pattern.compile("(?:^|\\s)(?:-w\\s*|--workers[=\\s]\\s*)([\"']?)([^\\s\"']+)\\1");
    private static final Pattern FORMULA = Pattern.compile(
            "^(?:int\\()?\\s*(?:multiprocessing|os)\\.cpu_count\\(\\)\\s*(?:\\*\\s*(\\d+))?\\s*(?:\\+\\s*(\\d+))?\\s*\\)?$");

    /** Workers as a per-core multiplier plus a constant; a fixed count has multiplier 0. */
    record Count(int perCore, int plus) {
        boolean fits(int min, int max) {
            if (perCore > 0) {
                return perCore >= min && perCore + plus <= max;
            }
            for (int cores = 1; cores <= plus; cores++) {
                if (min * cores <= plus && plus <= max * cores) {
                    return true;
                }
            }
            return false;
        }

        String describe() {
            return perCore == 0 ? plus + " worker(s)" : perCore + " per core" + (plus > 0 ? " + " + plus : "");
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        return PythonConfig.withDeployEnvironment(context, this::evaluate);
    }

    private Outcome evaluate(CheckContext context, DeployEnvironment env) {
        RepoSnapshot repo = context.repo();
        List<Commands.Line> commands = Commands.matching(repo, SERVER);
        List<PythonSettings> confs = repo.files().stream().filter(f -> f.matches("(.*/)?gunicorn[^/]*\\.py") && !DeployEnvironment.isDevelopment(f))
                .map(f -> PythonSettings.parse(f, repo.read(f).orElse(""))).toList();
        if (commands.isEmpty() && confs.isEmpty() && !repo.stack().has(Component.GUNICORN) && !repo.stack().has(Component.UVICORN)) {
            return Outcome.notApplicable("no gunicorn or uvicorn in the repository (stack: " + repo.stack().describe() + ")");
        }
        int min = context.params().count(Param.MIN_COUNT).orElse(1);
        int max = context.params().count(Param.MAX_COUNT).orElse(Integer.MAX_VALUE);
        List<Evidence> good = new ArrayList<>();
        List<Evidence> bad = new ArrayList<>();
        for (PythonSettings conf : confs) {
            conf.get("workers").ifPresent(a -> judge(count(a.value()), new Evidence.FileLine(a.file(), a.line(), a.excerpt()), min, max, good, bad));
        }
        for (Commands.Line l : commands) {
            // Exec form (CMD ["gunicorn", "-w", "4"]) reads like the shell form once its punctuation is gone.
            Matcher m = FLAG.matcher(l.text().replaceAll("[\\[\\]\",]", " "));
            if (m.find()) {
                judge(count(PythonSettings.value(m.group(2).matches("\\d+") ? m.group(2) : "'" + m.group(2) + "'")),
                        new Evidence.FileLine(l.file(), l.line(), l.text()), min, max, good, bad);
            }
        }
        for (DeployEnvironment.Setting s : env.of("WEB_CONCURRENCY")) {
            if (!s.reference() && !DeployEnvironment.isTemplate(s.file()) && s.value().strip().matches("\\d+")) {
                judge(Optional.of(new Count(0, Integer.parseInt(s.value().strip()))),
                        new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + s.value()), min, max, good, bad);
            }
        }
        String rule = max == Integer.MAX_VALUE ? "an explicit worker count" : min + "-" + max + " workers per CPU core";
        if (!bad.isEmpty()) {
            return Outcome.fail(bad.size() == 1 ? "worker count outside " + rule + ": " + bad.getFirst().describe()
                            : bad.size() + " worker counts outside " + rule,
                    "Set the count from the cores, e.g. in gunicorn.conf.py: workers = multiprocessing.cpu_count() * " + min
                            + " + 1, or -w with a number inside the rule for the host's cores.", bad);
        }
        if (good.isEmpty()) {
            return Outcome.fail("no worker count is set: gunicorn and uvicorn start 1 worker by default",
                    "Set workers in gunicorn.conf.py (workers = multiprocessing.cpu_count() * 2 + 1) or pass -w/--workers on the command line.",
                    commands.stream().map(l -> (Evidence) new Evidence.FileLine(l.file(), l.line(), l.text())).toList());
        }
        return Outcome.pass("worker count fits " + rule, good);
    }

    private static void judge(Optional<Count> count, Evidence.FileLine where, int min, int max, List<Evidence> good, List<Evidence> bad) {
        if (count.isEmpty()) {
            good.add(new Evidence.FileLine(where.path(), where.line(), where.excerpt() + " (not evaluated)"));
        } else if (count.get().fits(min, max)) {
            good.add(new Evidence.FileLine(where.path(), where.line(), where.excerpt() + " (" + count.get().describe() + ")"));
        } else {
            bad.add(new Evidence.FileLine(where.path(), where.line(), where.excerpt() + " (" + count.get().describe() + ")"));
        }
    }

    /** A count read from a literal number or a cpu_count() formula; empty for anything else. */
    static Optional<Count> count(PythonSettings.Value v) {
        return switch (v) {
            case PythonSettings.Num n -> Optional.of(new Count(0, (int) Math.min(n.value(), Integer.MAX_VALUE)));
            case PythonSettings.Expr e -> formula(e.source());
            case PythonSettings.Str s when s.text().matches("\\d+") -> Optional.of(new Count(0, Integer.parseInt(s.text())));
            default -> Optional.empty();
        };
    }

    private static Optional<Count> formula(String source) {
        Matcher m = FORMULA.matcher(source.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Count(m.group(1) == null ? 1 : Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
    }
}
