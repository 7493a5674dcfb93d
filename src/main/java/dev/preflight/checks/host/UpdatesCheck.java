package dev.preflight.checks.host;

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
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * Updates are applied automatically: unattended-upgrades installed and switched on in apt's
 * configuration (APT::Periodic::Unattended-Upgrade, the last file of /etc/apt/apt.conf.d to set it
 * winning, as apt reads them) with apt's daily upgrade timer not masked, or dnf-automatic's timer
 * enabled to install. What the host itself reports as pending (Ubuntu's update notifier, a reboot
 * required by an installed kernel) turns a pass into a warning.
 */
@CheckInfo(id = "host.updates", title = "Security updates are applied automatically and none is pending", target = TargetKind.HOST,
        phrases = {"security updates", "unattended[- ]upgrades", "\\bpackages (are )?(kept )?(updated|up to date)", "automatic updates",
                "security patches"},
        related = {"lynis:PKGS-7392"})
public final class UpdatesCheck implements Check {
    private static final String APT_CONF_DIR = "/etc/apt/apt.conf.d";
    private static final Pattern PERIODIC = Pattern.compile("^\\s*APT::Periodic::Unattended-Upgrade\\s+\"([^\"]*)\"\\s*;");
    private static final Pattern SECURITY_PENDING = Pattern.compile("(\\d+) (?:of these )?updates? (?:is a|are) (?:standard )?security updates?");
    private static final List<String> DNF_TIMERS = List.of("dnf-automatic-install.timer", "dnf-automatic.timer", "dnf5-automatic.timer");

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        List<Evidence> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String how;
        if (host.isDirectory(APT_CONF_DIR)) {
            how = "unattended-upgrades";
            apt(host, evidence, problems);
        } else if (DNF_TIMERS.stream().anyMatch(t -> SystemdUnits.installed(host, t).isPresent()) || host.exists("/etc/dnf/dnf.conf")) {
            how = "dnf-automatic";
            dnf(host, evidence, problems);
        } else {
            return Outcome.manual("neither apt nor dnf is on " + host.describe() + ": how its packages are updated is not read",
                    "Attest how security updates reach this host.");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + " on " + host.describe(),
                    how.equals("dnf-automatic")
                            ? "dnf install dnf-automatic; systemctl enable --now dnf-automatic-install.timer"
                            : "apt install unattended-upgrades; dpkg-reconfigure -plow unattended-upgrades (writes APT::Periodic::Unattended-Upgrade \"1\" to "
                                    + APT_CONF_DIR + "/20auto-upgrades).",
                    evidence);
        }
        List<String> pending = pending(host, evidence);
        if (!pending.isEmpty()) {
            return Outcome.warn(how + " is on, but " + String.join("; ", pending) + " on " + host.describe(),
                    "Apply them (apt upgrade, or let the next run do it) and reboot into the new kernel.", evidence);
        }
        return Outcome.pass(how + " applies updates automatically on " + host.describe(), evidence);
    }

    private static void apt(HostRoot host, List<Evidence> evidence, List<String> problems) {
        boolean installed = SoftwareVersionCheck.PATH_DIRS.stream().anyMatch(d -> host.exists(d + "/unattended-upgrade"));
        if (!installed) {
            problems.add("unattended-upgrades is not installed (no unattended-upgrade in " + String.join(", ", SoftwareVersionCheck.PATH_DIRS) + ")");
        }
        Optional<Evidence.FileLine> last = Optional.empty();
        for (String name : host.list(APT_CONF_DIR)) {
            String file = APT_CONF_DIR + "/" + name;
            String[] lines = host.read(file).orElse("").split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (PERIODIC.matcher(lines[i]).find()) {
                    last = Optional.of(new Evidence.FileLine(file, i + 1, lines[i].strip()));
                }
            }
        }
        if (last.isEmpty()) {
            problems.add("APT::Periodic::Unattended-Upgrade is not set in " + APT_CONF_DIR + ", so apt never runs it");
        } else {
            evidence.add(last.get());
            Matcher m = PERIODIC.matcher(last.get().excerpt());
            String value = m.find() ? m.group(1) : "";
            if (value.equals("0") || value.isEmpty()) {
                problems.add("APT::Periodic::Unattended-Upgrade is \"" + value + "\" (" + last.get().path() + ":" + last.get().line() + "): switched off");
            }
        }
        String timer = "apt-daily-upgrade.timer";
        if (SystemdUnits.masked(host, timer)) {
            problems.add(timer + " is masked, so the daily upgrade never starts");
        } else if (SystemdUnits.installed(host, timer).isPresent() && SystemdUnits.enabledBy(host, timer).isEmpty()) {
            problems.add(timer + " is not enabled at boot, so the daily upgrade never starts");
        }
    }

    private static void dnf(HostRoot host, List<Evidence> evidence, List<String> problems) {
        Optional<String> timer = DNF_TIMERS.stream().filter(t -> !SystemdUnits.masked(host, t) && SystemdUnits.enabledBy(host, t).isPresent())
                .findFirst();
        if (timer.isEmpty()) {
            problems.add("no dnf-automatic timer is enabled (" + String.join(", ", DNF_TIMERS) + ")");
            return;
        }
        evidence.add(new Evidence.Note("enabled: " + timer.get()));
        // dnf-automatic.timer downloads, and installs only when automatic.conf says apply_updates = yes.
        if (timer.get().equals("dnf-automatic.timer")) {
            String conf = host.read("/etc/dnf/automatic.conf").orElse("");
            boolean applies = conf.lines().map(String::strip).anyMatch(l -> l.matches("apply_updates\\s*=\\s*(yes|true|1)"));
            if (!applies) {
                problems.add("dnf-automatic.timer runs without apply_updates = yes in /etc/dnf/automatic.conf: updates are downloaded, never installed");
            }
        }
    }

    /** What the host says is waiting: Ubuntu's count of security updates, and a reboot an upgrade asked for. */
    private static List<String> pending(HostRoot host, List<Evidence> evidence) {
        List<String> pending = new ArrayList<>();
        String notice = "/var/lib/update-notifier/updates-available";
        host.read(notice).ifPresent(text -> {
            Matcher m = SECURITY_PENDING.matcher(text);
            if (m.find() && Integer.parseInt(m.group(1)) > 0) {
                pending.add(m.group(1) + " security update(s) wait (" + notice + ")");
                evidence.add(new Evidence.Note(notice + ": " + m.group().strip()));
            }
        });
        if (host.exists("/var/run/reboot-required") || host.exists("/run/reboot-required")) {
            String pkgs = host.read("/run/reboot-required.pkgs").or(() -> host.read("/var/run/reboot-required.pkgs")).orElse("").strip().replace('\n', ' ');
            pending.add("a reboot is required to run what was installed" + (pkgs.isEmpty() ? "" : " (" + pkgs + ")"));
        }
        return pending;
    }
}
