package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.preflight.collect.CannotParse;
import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.IniFile;
import dev.preflight.collect.RepoSnapshot;

/**
 * systemd units and Supervisor programs in the repository restart the app when it dies, start it on
 * boot, and run it as an unprivileged user. A oneshot service, or one a timer starts, is a job:
 * only its user is checked. A timer must be enabled on boot (WantedBy=timers.target).
 */
@CheckInfo(id = "config.service-units", title = "systemd or Supervisor units start the app on boot, not as root",
        target = TargetKind.REPO, severity = Severity.MEDIUM,
        phrases = {"systemd (service|unit) files?", "\\bservice files?\\b", "\\bsupervisor(d)?\\b"},
        related = {"systemd-analyze:security"})
public final class ServiceUnitsCheck implements Check {
    private static final Set<String> RESTARTS = Set.of("always", "on-failure", "on-abnormal");
    private static final Pattern BOOT_TARGETS = Pattern.compile("\\b(multi-user|default|graphical)\\.target\\b");
    private static final Pattern PROGRAM = Pattern.compile("(?m)^\\s*\\[program:");

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<Evidence> problems = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        int units = 0;
        for (String f : repo.files()) {
            String lower = f.toLowerCase(Locale.ROOT);
            Optional<String> text = lower.endsWith(".service") || lower.endsWith(".timer") || lower.endsWith(".conf") || lower.endsWith(".ini")
                    ? repo.read(f) : Optional.empty();
            if (text.isEmpty()) {
                continue;
            }
            boolean systemd = lower.endsWith(".service") || lower.endsWith(".timer");
            if (!systemd && !PROGRAM.matcher(text.get()).find()) {
                continue;
            }
            IniFile ini;
            try {
                ini = IniFile.parse(f, text.get(), !systemd);
            } catch (CannotParse e) {
                problems.add(new Evidence.FileLine(f, e.line(), e.describe()));
                units++;
                continue;
            }
            if (lower.endsWith(".service")) {
                units++;
                service(repo, ini, problems, good);
            } else if (lower.endsWith(".timer")) {
                units++;
                timer(ini, problems, good);
            } else {
                for (IniFile.Section program : ini.sections()) {
                    if (program.name().startsWith("program:")) {
                        units++;
                        program(ini.path(), program, problems, good);
                    }
                }
            }
        }
        if (units == 0) {
            return Outcome.notApplicable("no systemd unit or Supervisor program in the repository (stack: " + repo.stack().describe() + ")");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(problems.size() == 1 ? problems.getFirst().describe() : problems.size() + " problems in " + units + " unit(s)",
                    "systemd: set Restart=on-failure and User=<app user> under [Service] and WantedBy=multi-user.target under [Install], "
                            + "then 'systemctl enable'; Supervisor: set user=<app user>, autostart=true and autorestart=true.", problems);
        }
        return Outcome.pass(units + " unit(s) restart on failure, start on boot and run as an unprivileged user", good);
    }

    private static void service(RepoSnapshot repo, IniFile unit, List<Evidence> problems, List<Evidence> good) {
        String path = unit.path();
        Optional<IniFile.Section> service = unit.sections("Service").stream().findFirst();
        if (service.isEmpty()) {
            problems.add(new Evidence.FileLine(path, 0, "no [Service] section"));
            return;
        }
        IniFile.Section s = service.get();
        user(path, s.last("User"), s.last("DynamicUser").filter(e -> e.value().equals("yes")).isPresent(), s.line(), "User=", problems, good);
        String timer = path.substring(0, path.length() - ".service".length()) + ".timer";
        boolean job = s.last("Type").filter(e -> e.value().equals("oneshot")).isPresent() || repo.exists(timer);
        if (job) {
            return;
        }
        Optional<IniFile.Entry> restart = s.last("Restart");
        if (restart.isEmpty()) {
            problems.add(new Evidence.FileLine(path, s.line(), "[Service] has no Restart= (systemd does not restart it when it dies)"));
        } else if (!RESTARTS.contains(restart.get().value())) {
            problems.add(new Evidence.FileLine(path, restart.get().line(), "Restart=" + restart.get().value() + " (use on-failure or always)"));
        } else {
            good.add(new Evidence.FileLine(path, restart.get().line(), "Restart=" + restart.get().value()));
        }
        Optional<IniFile.Entry> wanted = unit.sections("Install").stream().flatMap(i -> i.all("WantedBy").stream())
                .filter(e -> BOOT_TARGETS.matcher(e.value()).find()).findFirst();
        wanted.ifPresentOrElse(e -> good.add(new Evidence.FileLine(path, e.line(), "WantedBy=" + e.value())),
                () -> problems.add(new Evidence.FileLine(path, 0, "no WantedBy=multi-user.target under [Install] (not started on boot)")));
    }

    private static void timer(IniFile unit, List<Evidence> problems, List<Evidence> good) {
        Optional<IniFile.Entry> wanted = unit.sections("Install").stream().flatMap(i -> i.all("WantedBy").stream())
                .filter(e -> e.value().contains("timers.target")).findFirst();
        wanted.ifPresentOrElse(e -> good.add(new Evidence.FileLine(unit.path(), e.line(), "WantedBy=" + e.value())),
                () -> problems.add(new Evidence.FileLine(unit.path(), 0, "no WantedBy=timers.target under [Install] (the timer is not started on boot)")));
    }

    private static void program(String path, IniFile.Section program, List<Evidence> problems, List<Evidence> good) {
        String name = "[" + program.name() + "]";
        user(path, program.last("user"), false, program.line(), name + " user=", problems, good);
        Optional<IniFile.Entry> autostart = program.last("autostart");
        if (autostart.isPresent() && autostart.get().value().equalsIgnoreCase("false")) {
            problems.add(new Evidence.FileLine(path, autostart.get().line(), name + " autostart=false (not started with supervisord)"));
        }
        Optional<IniFile.Entry> autorestart = program.last("autorestart");
        if (autorestart.isPresent() && autorestart.get().value().equalsIgnoreCase("false")) {
            problems.add(new Evidence.FileLine(path, autorestart.get().line(), name + " autorestart=false (not restarted when it dies)"));
        } else {
            good.add(autorestart.map(e -> new Evidence.FileLine(path, e.line(), name + " autorestart=" + e.value()))
                    .orElse(new Evidence.FileLine(path, program.line(), name + " autorestart not set (Supervisor's default 'unexpected' restarts it on a crash)")));
        }
    }

    private static void user(String path, Optional<IniFile.Entry> user, boolean dynamic, int sectionLine, String label,
                             List<Evidence> problems, List<Evidence> good) {
        if (dynamic) {
            good.add(new Evidence.FileLine(path, sectionLine, "DynamicUser=yes"));
        } else if (user.isEmpty()) {
            problems.add(new Evidence.FileLine(path, sectionLine, label.replace("=", "") + " not set (runs as root)"));
        } else if (user.get().value().equals("root") || user.get().value().equals("0")) {
            problems.add(new Evidence.FileLine(path, user.get().line(), label + user.get().value() + " (runs as root)"));
        } else {
            good.add(new Evidence.FileLine(path, user.get().line(), label + user.get().value()));
        }
    }
}
