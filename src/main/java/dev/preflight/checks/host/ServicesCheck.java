package dev.preflight.checks.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.CannotParse;
import dev.preflight.collect.IniFile;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * The services an admin installed on the host (unit files in /etc/systemd/system, where packages
 * never put theirs) are enabled at boot, not masked, restart on failure (Restart= read with the
 * unit's drop-ins, the last one winning) and, on a live host booted with systemd, active.
 */
@CheckInfo(id = "host.services", title = "The application's services are enabled, active and restart on failure", target = TargetKind.HOST,
        phrases = {"\\b(enable|start)\\w* (all )?(the )?(systemd )?services?\\b", "\\bservices? (on|at) boot", "\\bservice status",
                "\\bservices? (are )?(running|active|enabled)"},
        related = {"systemctl:is-enabled"})
public final class ServicesCheck implements Check {
    private static final String UNIT_DIR = "/etc/systemd/system";
    private static final Set<String> RESTARTS = Set.of("always", "on-failure", "on-abnormal", "on-abort", "on-watchdog");
    private static final Duration IS_ACTIVE_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        List<String> units = host.list(UNIT_DIR).stream().filter(n -> n.endsWith(".service"))
                .filter(n -> host.linkTarget(UNIT_DIR + "/" + n).isEmpty() && !host.isDirectory(UNIT_DIR + "/" + n)).toList();
        if (units.isEmpty()) {
            return Outcome.manual("no service unit of the application's own in " + UNIT_DIR + " on " + host.describe()
                    + "; packaged services and containers are not judged", "Attest how the application is started and kept running.");
        }
        Optional<String> systemctl = SoftwareVersionCheck.PATH_DIRS.stream().map(d -> d + "/systemctl").filter(host::exists).findFirst();
        boolean askActive = host.isLive() && systemctl.isPresent() && host.isDirectory("/run/systemd/system");
        List<Evidence> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String unit : units) {
            String path = UNIT_DIR + "/" + unit;
            List<IniFile> files = new ArrayList<>();
            List<String> sources = new ArrayList<>(List.of(path));
            host.list(path + ".d").stream().filter(n -> n.endsWith(".conf")).forEach(n -> sources.add(path + ".d/" + n));
            for (String source : sources) {
                try {
                    files.add(IniFile.parse(source, host.read(source).orElse(""), false));
                } catch (CannotParse e) {
                    problems.add(unit + ": " + source + " " + e.describe());
                }
            }
            if (SystemdUnits.masked(host, unit)) {
                problems.add(unit + " is masked");
                continue;
            }
            if (last(files, "Type").map(IniFile.Entry::value).filter("oneshot"::equals).isPresent()) {
                evidence.add(new Evidence.Note(unit + ": a oneshot job, started by a timer or at boot: restart not required"));
            } else {
                Optional<IniFile.Entry> restart = last(files, "Restart");
                if (restart.isEmpty() || !RESTARTS.contains(restart.get().value().strip())) {
                    problems.add(unit + " does not restart on failure (Restart=" + restart.map(IniFile.Entry::value).orElse("no, the default") + ")");
                } else {
                    evidence.add(new Evidence.Note(unit + ": Restart=" + restart.get().value().strip()));
                }
            }
            SystemdUnits.enabledBy(host, unit).ifPresentOrElse(link -> evidence.add(new Evidence.Note("enabled at boot: " + link)),
                    () -> problems.add(unit + " is not enabled at boot"));
            if (askActive) {
                switch (host.run(IS_ACTIVE_TIMEOUT, systemctl.get(), "is-active", unit)) {
                    case HostRoot.Run.Done d when d.output().strip().equals("active") -> evidence.add(new Evidence.Note(unit + " is active"));
                    case HostRoot.Run.Done d -> problems.add(unit + " is " + d.output().strip());
                    case HostRoot.Run.NotRun n -> evidence.add(new Evidence.Note(unit + ": systemctl is-active not run (" + n.why() + ")"));
                }
            }
        }
        if (!askActive) {
            evidence.add(new Evidence.Note("whether they run is not known (" + (host.isLive() ? "systemd is not running here" : "a mounted root")
                    + "): enabled at boot is the evidence"));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + " on " + host.describe(),
                    "Set Restart=on-failure in [Service], then systemctl daemon-reload; systemctl enable --now UNIT.", evidence);
        }
        return Outcome.pass(units.size() + " service(s) of " + UNIT_DIR + " enabled at boot" + (askActive ? ", active" : "")
                + " and restarting on failure: " + String.join(", ", units), evidence);
    }

    /** The last value of a [Service] key across the unit file and its drop-ins, in systemd's order. */
    private static Optional<IniFile.Entry> last(List<IniFile> files, String key) {
        Optional<IniFile.Entry> found = Optional.empty();
        for (IniFile file : files) {
            for (IniFile.Section section : file.sections("Service")) {
                Optional<IniFile.Entry> entry = section.last(key);
                if (entry.isPresent()) {
                    found = entry;
                }
            }
        }
        return found;
    }
}
