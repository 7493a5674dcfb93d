package dev.preflight.checks.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.collect.CannotParse;
import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.AppLogFiles;
import dev.preflight.collect.AppLogFiles.LogFile;
import dev.preflight.collect.LogrotateConfig;
import dev.preflight.collect.NginxConfig;
import dev.preflight.collect.RepoSnapshot;

/**
 * The repository's logrotate configs rotate every log file the application writes (as far as the
 * repository names them), each with a frequency or size and a count of old logs to keep.
 */
@CheckInfo(id = "config.logrotate", title = "logrotate covers the application's log files", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"log rotation", "logrotate", "\\brotat\\w+ (of )?logs"})
public final class LogrotateCheck implements Check {
    private static final Pattern BLOCK_LINE = Pattern.compile("(?m)^\\s*[\"']?/[^{\\n]*\\{\\s*$");
    private static final Pattern ROTATE_LINE = Pattern.compile("(?m)^\\s*(rotate\\s+\\d+|daily|weekly|monthly|yearly|hourly)\\s*$");
    private static final List<String> FREQUENCIES = List.of("hourly", "daily", "weekly", "monthly", "yearly", "size", "maxsize");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        List<LogrotateConfig> configs = new ArrayList<>();
        for (String f : repo.files()) {
            Optional<String> text = isCandidate(f) ? repo.read(f) : Optional.empty();
            if (text.isEmpty() || (!f.toLowerCase(Locale.ROOT).contains("logrotate") && !looksLikeLogrotate(text.get()))) {
                continue;
            }
            try {
                configs.add(LogrotateConfig.parse(f, text.get()));
            } catch (CannotParse e) {
                problems.add(new Evidence.FileLine(f, e.line(), e.describe()));
            }
        }
        List<LogFile> logs = AppLogFiles.find(repo, NginxConfig.load(repo));
        if (configs.isEmpty() && problems.isEmpty() && logs.stream().allMatch(LogFile::selfRotating)) {
            return Outcome.notApplicable(logs.isEmpty()
                    ? "no logrotate config and no log file named in the repository: the app logs to stdout or the journal (stack: " + repo.stack().describe() + ")"
                    : "no logrotate config; every log file named in the repository is written by a rotating handler");
        }
        for (LogrotateConfig config : configs) {
            for (LogrotateConfig.Block block : config.blocks()) {
                sound(config, block, problems, good);
            }
        }
        for (LogFile log : logs) {
            if (log.selfRotating()) {
                good.add(new Evidence.FileLine(log.file(), log.line(), log.path() + " rotated by its RotatingFileHandler"));
                continue;
            }
            Optional<Evidence.FileLine> cover = coveredBy(configs, log.path());
            cover.ifPresentOrElse(good::add, () -> problems.add(new Evidence.FileLine(log.file(), log.line(),
                    log.excerpt() + " (no logrotate block covers " + log.path() + ")")));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " log rotation problems",
                    "Add a logrotate block for each log path (e.g. /etc/logrotate.d/app: '/var/log/app/*.log { daily rotate 14 compress "
                            + "missingok notifempty }') and install it with the app.", problems);
        }
        int blocks = configs.stream().mapToInt(c -> c.blocks().size()).sum();
        if (logs.isEmpty()) {
            good.add(new Evidence.Note("no log file named in the repository to compare the configs with"));
        }
        return Outcome.pass(blocks + " logrotate block(s) with a frequency and a count"
                + (logs.isEmpty() ? "" : ", covering " + logs.size() + " log file(s) the app writes"), good);
    }

    private static void sound(LogrotateConfig config, LogrotateConfig.Block block, List<Evidence> problems, List<Evidence> good) {
        String where = String.join(" ", block.patterns());
        Optional<LogrotateConfig.Directive> frequency = block.find(FREQUENCIES.toArray(String[]::new))
                .or(() -> config.globals().stream().filter(d -> FREQUENCIES.contains(d.name())).reduce((a, b) -> b));
        Optional<LogrotateConfig.Directive> rotate = block.find("rotate")
                .or(() -> config.globals().stream().filter(d -> d.name().equals("rotate")).reduce((a, b) -> b));
        List<String> missing = new ArrayList<>();
        if (frequency.isEmpty()) {
            missing.add("no frequency (daily/weekly/monthly) or size");
        }
        if (rotate.isEmpty()) {
            missing.add("no 'rotate N' (logrotate's default 0 deletes each rotated log)");
        } else if (rotate.get().args().isEmpty() || !rotate.get().args().getFirst().matches("-?\\d+")
                || Integer.parseInt(rotate.get().args().getFirst()) == 0) {
            missing.add("rotate " + String.join(" ", rotate.get().args()) + " keeps no old log");
        }
        if (!missing.isEmpty()) {
            problems.add(new Evidence.FileLine(config.path(), block.line(), where + ": " + String.join("; ", missing)));
        } else {
            good.add(new Evidence.FileLine(config.path(), block.line(), where + " { " + frequency.get().name()
                    + (frequency.get().args().isEmpty() ? "" : " " + String.join(" ", frequency.get().args()))
                    + ", rotate " + rotate.get().args().getFirst() + " }"));
        }
    }

    /** The block whose pattern matches the log path; a relative path (a Django 'logs/app.log') is matched against the patterns' ends. */
    static Optional<Evidence.FileLine> coveredBy(List<LogrotateConfig> configs, String logPath) {
        for (LogrotateConfig config : configs) {
            for (LogrotateConfig.Block block : config.blocks()) {
                for (String pattern : block.patterns()) {
                    if (matches(pattern, logPath)) {
                        return Optional.of(new Evidence.FileLine(config.path(), block.line(), logPath + " rotated by " + pattern));
                    }
                }
            }
        }
        return Optional.empty();
    }

    static boolean matches(String pattern, String logPath) {
        String p = pattern;
        String log = logPath.replaceFirst("^\\./", "");
        if (!log.startsWith("/")) {
            int segments = log.split("/").length;
            String[] parts = pattern.split("/");
            if (parts.length < segments) {
                return false;
            }
            p = String.join("/", Arrays.copyOfRange(parts, parts.length - segments, parts.length));
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p);
        return matcher.matches(Path.of(log));
    }

    private static boolean isCandidate(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        return lower.contains("logrotate") ? !name.endsWith(".md") && !name.endsWith(".sh") && !name.endsWith(".py")
                : name.endsWith(".conf") && !lower.contains("nginx");
    }

    private static boolean looksLikeLogrotate(String text) {
        return BLOCK_LINE.matcher(text).find() && ROTATE_LINE.matcher(text).find();
    }
}
