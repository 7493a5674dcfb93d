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
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * A time-sync daemon (systemd-timesyncd, chrony, ntpd, ntpsec, OpenNTPD) is installed and enabled
 * at boot, not masked; on the live host it is running, and systemd's own word on synchronisation
 * ({@code timedatectl}) is read when systemd is there to give it.
 */
@CheckInfo(id = "host.time-sync", title = "The clock is synchronised", target = TargetKind.HOST, severity = Severity.LOW,
        phrases = {"time sync", "\\bntp\\b", "\\bchrony", "timesyncd"})
public final class TimeSyncCheck implements Check {
    private static final Duration TIMEDATECTL_TIMEOUT = Duration.ofSeconds(5);

    /** A daemon: its units (any one), and its process name as /proc/PID/comm shows it (15 characters at most). */
    private record Daemon(String name, List<String> units, String process) {
    }

    private static final List<Daemon> DAEMONS = List.of(
            new Daemon("systemd-timesyncd", List.of("systemd-timesyncd.service"), "systemd-timesyn"),
            new Daemon("chrony", List.of("chrony.service", "chronyd.service"), "chronyd"),
            new Daemon("ntpsec", List.of("ntpsec.service"), "ntpd"),
            new Daemon("ntpd", List.of("ntp.service", "ntpd.service"), "ntpd"),
            new Daemon("OpenNTPD", List.of("openntpd.service"), "ntpd"));

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        List<Evidence> evidence = new ArrayList<>();
        List<String> enabled = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        List<String> installedOnly = new ArrayList<>();
        Optional<Set<String>> running = host.processNames();
        boolean anyRunning = false;
        for (Daemon daemon : DAEMONS) {
            for (String unit : daemon.units()) {
                Optional<String> file = SystemdUnits.installed(host, unit);
                if (file.isEmpty() && !SystemdUnits.masked(host, unit)) {
                    continue;
                }
                if (SystemdUnits.masked(host, unit)) {
                    masked.add(unit);
                    evidence.add(new Evidence.Note(unit + " is masked"));
                    continue;
                }
                Optional<String> link = SystemdUnits.enabledBy(host, unit);
                if (link.isPresent()) {
                    enabled.add(daemon.name());
                    evidence.add(new Evidence.Note(daemon.name() + " enabled at boot: " + link.get()));
                } else {
                    installedOnly.add(unit);
                    evidence.add(new Evidence.Note(unit + " installed (" + file.get() + ") but not enabled"));
                }
            }
            if (running.isPresent() && running.get().contains(daemon.process())) {
                anyRunning = true;
                evidence.add(new Evidence.Note(daemon.process() + " is running"));
            }
        }
        Optional<Boolean> synchronised = synchronised(host, evidence);
        String fix = "Enable one time-sync daemon: systemctl enable --now systemd-timesyncd (or apt install chrony); check with timedatectl.";
        if (synchronised.isPresent()) {
            return synchronised.get()
                    ? Outcome.pass("the clock is synchronised (timedatectl: NTPSynchronized=yes) on " + host.describe(), evidence)
                    : Outcome.fail("the clock is not synchronised (timedatectl: NTPSynchronized=no) on " + host.describe(), fix, evidence);
        }
        if (enabled.isEmpty()) {
            String found = !installedOnly.isEmpty() ? ": " + String.join(", ", installedOnly) + " installed but not enabled"
                    : !masked.isEmpty() ? ": " + String.join(", ", masked) + " masked" : "";
            return Outcome.fail("no time-sync daemon enabled on " + host.describe() + found, fix, evidence);
        }
        if (running.isPresent() && !anyRunning) {
            return Outcome.fail(String.join(", ", enabled) + " enabled but not running on " + host.describe(), fix, evidence);
        }
        evidence.add(new Evidence.Note(running.isPresent() ? "timedatectl gave no answer: the daemon running is the evidence"
                : "a mounted root runs nothing: enabled at boot is the evidence"));
        return Outcome.pass(String.join(", ", enabled) + " enabled at boot" + (running.isPresent() ? " and running" : "") + " on " + host.describe(), evidence);
    }

    /** systemd's answer on the live host, or empty where there is no timedatectl or no systemd to ask (a container). */
    private static Optional<Boolean> synchronised(HostRoot host, List<Evidence> evidence) {
        if (!host.isLive()) {
            return Optional.empty();
        }
        Optional<String> timedatectl = SoftwareVersionCheck.PATH_DIRS.stream().map(d -> d + "/timedatectl").filter(host::exists).findFirst();
        if (timedatectl.isEmpty()) {
            return Optional.empty();
        }
        HostRoot.Run run = host.run(TIMEDATECTL_TIMEOUT, timedatectl.get(), "show", "--property=NTPSynchronized", "--value");
        if (run instanceof HostRoot.Run.Done done && done.exitCode() == 0) {
            String answer = done.output().strip();
            if (answer.equals("yes") || answer.equals("no")) {
                evidence.add(new Evidence.Note("timedatectl show --property=NTPSynchronized: " + answer));
                return Optional.of(answer.equals("yes"));
            }
        }
        return Optional.empty();
    }
}
