package dev.preflight.checks.host;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.CannotParse;
import dev.preflight.collect.LogrotateConfig;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * logrotate runs on the host (its timer enabled, or its daily cron script where systemd does not
 * run), its configs parse, and every {@code *.log} file in /var/log and the directories right under
 * it is matched by a block of /etc/logrotate.conf or /etc/logrotate.d: a log no block names grows
 * until the disk is full.
 */
@CheckInfo(id = "host.logrotate", title = "logrotate on the host covers the application's logs", target = TargetKind.HOST,
        severity = Severity.MEDIUM, phrases = {"log rotation", "logrotate", "\\brotat\\w+ (of )?logs"})
public final class HostLogrotateCheck implements Check {
    private static final String CONF_DIR = "/etc/logrotate.d";
    private static final String LOG_DIR = "/var/log";

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        boolean installed = SoftwareVersionCheck.PATH_DIRS.stream().anyMatch(d -> host.exists(d + "/logrotate"));
        String fix = "apt install logrotate; systemctl enable --now logrotate.timer; add /etc/logrotate.d/app: "
                + "'/var/log/app/*.log { daily rotate 14 compress missingok notifempty }'.";
        if (!installed) {
            return Outcome.fail("logrotate is not installed on " + host.describe(), fix);
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<String> schedule = schedule(host);
        schedule.ifPresentOrElse(s -> evidence.add(new Evidence.Note("runs from " + s)),
                () -> problems.add("logrotate never runs (logrotate.timer not enabled, no /etc/cron.daily/logrotate that runs here)"));
        List<String> files = new ArrayList<>(List.of("/etc/logrotate.conf"));
        host.list(CONF_DIR).stream().filter(HostLogrotateCheck::readByLogrotate).forEach(n -> files.add(CONF_DIR + "/" + n));
        List<LogrotateConfig> configs = new ArrayList<>();
        for (String file : files) {
            Optional<String> text = host.read(file);
            if (text.isEmpty()) {
                continue;
            }
            try {
                configs.add(LogrotateConfig.parse(file, text.get()));
            } catch (CannotParse e) {
                problems.add(file + " " + e.describe() + ": logrotate skips it");
                evidence.add(new Evidence.FileLine(file, e.line(), e.describe()));
            }
        }
        List<String> uncovered = new ArrayList<>();
        List<String> logs = logFiles(host);
        for (String log : logs) {
            coveredBy(configs, log).ifPresentOrElse(evidence::add, () -> uncovered.add(log));
        }
        if (!uncovered.isEmpty()) {
            problems.add("no logrotate block covers " + String.join(", ", uncovered));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + " on " + host.describe(), fix, evidence);
        }
        return Outcome.pass("logrotate runs from " + schedule.orElseThrow() + " and covers the " + logs.size() + " *.log file(s) under " + LOG_DIR,
                evidence);
    }

    /** logrotate.timer on systemd hosts; Debian's cron.daily script exits when systemd runs, so it counts only without it. */
    private static Optional<String> schedule(HostRoot host) {
        String timer = "logrotate.timer";
        if (!SystemdUnits.masked(host, timer)) {
            Optional<String> link = SystemdUnits.enabledBy(host, timer);
            if (link.isPresent()) {
                return link;
            }
        }
        String cron = "/etc/cron.daily/logrotate";
        boolean systemd = host.exists("/lib/systemd/systemd") || host.exists("/usr/lib/systemd/systemd");
        Optional<String> script = host.read(cron);
        if (script.isPresent() && !(systemd && script.get().contains("/run/systemd/system"))) {
            return Optional.of(cron);
        }
        return Optional.empty();
    }

    /** logrotate's taboo list skips backup and package-manager leftovers in its include directory. */
    private static boolean readByLogrotate(String name) {
        return !name.startsWith(".") && !name.endsWith("~") && !name.endsWith(".swp") && !name.contains(".dpkg-") && !name.contains(".rpm")
                && !name.contains(".ucf-") && !name.endsWith(".disabled");
    }

    /** The *.log files in /var/log and one directory down, as host paths. */
    private static List<String> logFiles(HostRoot host) {
        List<String> out = new ArrayList<>();
        for (String name : host.list(LOG_DIR)) {
            String path = LOG_DIR + "/" + name;
            if (host.isDirectory(path)) {
                host.list(path).stream().filter(n -> n.endsWith(".log")).map(n -> path + "/" + n).filter(p -> regular(host, p)).forEach(out::add);
            } else if (name.endsWith(".log") && regular(host, path)) {
                out.add(path);
            }
        }
        return out;
    }

    private static boolean regular(HostRoot host, String path) {
        return host.resolve(path).filter(Files::isRegularFile).isPresent();
    }

    private static Optional<Evidence.FileLine> coveredBy(List<LogrotateConfig> configs, String log) {
        for (LogrotateConfig config : configs) {
            for (LogrotateConfig.Block block : config.blocks()) {
                for (String pattern : block.patterns()) {
                    if (FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(log))) {
                        return Optional.of(new Evidence.FileLine(config.path(), block.line(), log + " rotated by " + pattern));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
