package dev.preflight.checks.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * fail2ban is installed, enabled at boot, not masked, has at least one jail enabled in its configs
 * (read in fail2ban's order: jail.conf, jail.d/*.conf, jail.local, jail.d/*.local), and, on the
 * live host, its server is running.
 */
@CheckInfo(id = "host.fail2ban", title = "fail2ban is installed and running", target = TargetKind.HOST, severity = Severity.MEDIUM,
        phrases = {"fail2ban", "brute[- ]force protection"})
public final class Fail2banCheck implements Check {
    private static final String UNIT = "fail2ban.service";
    private static final String SERVER = "fail2ban-server";

    /** One line that decides a jail: where it is and what it says. */
    private record Setting(String file, int line, boolean enabled) {
    }

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        Optional<String> binary = SoftwareVersionCheck.PATH_DIRS.stream().map(d -> d + "/" + SERVER).filter(host::exists).findFirst();
        if (binary.isEmpty()) {
            return Outcome.fail("fail2ban is not installed on " + host.describe() + " (no " + SERVER + " in " + String.join(", ", SoftwareVersionCheck.PATH_DIRS) + ")",
                    "apt install fail2ban (or dnf install fail2ban), then enable a jail for sshd in /etc/fail2ban/jail.local.");
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("installed: " + binary.get()));
        List<String> problems = new ArrayList<>();
        if (SystemdUnits.masked(host, UNIT)) {
            problems.add(UNIT + " is masked");
        } else {
            SystemdUnits.enabledBy(host, UNIT).ifPresentOrElse(
                    link -> evidence.add(new Evidence.Note("enabled at boot: " + link)),
                    () -> problems.add(UNIT + " is not enabled at boot (no .wants link in /etc/systemd/system)"));
        }
        Map<String, Setting> jails = jails(host);
        List<String> enabled = jails.entrySet().stream().filter(e -> e.getValue().enabled()).map(Map.Entry::getKey).toList();
        if (enabled.isEmpty()) {
            problems.add("no jail is enabled in /etc/fail2ban: it bans nobody");
        } else {
            jails.forEach((name, s) -> {
                if (s.enabled()) {
                    evidence.add(new Evidence.FileLine(s.file(), s.line(), "[" + name + "] enabled"));
                }
            });
        }
        Optional<Set<String>> running = host.processNames();
        if (running.isPresent() && !running.get().contains(SERVER)) {
            problems.add(SERVER + " is not running");
        } else if (running.isPresent()) {
            evidence.add(new Evidence.Note(SERVER + " is running"));
        } else {
            evidence.add(new Evidence.Note("whether it runs is not known on a mounted root: enabled at boot is the evidence"));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems) + " on " + host.describe(),
                    "systemctl unmask fail2ban; systemctl enable --now fail2ban; enable the sshd jail ([sshd] enabled = true in /etc/fail2ban/jail.local).",
                    evidence);
        }
        return Outcome.pass("fail2ban installed, enabled at boot" + (running.isPresent() ? ", running" : "") + ", jails: " + String.join(", ", enabled), evidence);
    }

    /** Each jail's last word on enabled, a jail without one taking [DEFAULT]'s (false when none). */
    private static Map<String, Setting> jails(HostRoot host) {
        List<String> files = new ArrayList<>();
        files.add("/etc/fail2ban/jail.conf");
        List<String> dropIns = host.list("/etc/fail2ban/jail.d");
        dropIns.stream().filter(n -> n.endsWith(".conf")).forEach(n -> files.add("/etc/fail2ban/jail.d/" + n));
        files.add("/etc/fail2ban/jail.local");
        dropIns.stream().filter(n -> n.endsWith(".local")).forEach(n -> files.add("/etc/fail2ban/jail.d/" + n));
        Map<String, Setting> explicit = new LinkedHashMap<>();
        Setting defaults = null;
        List<String> sections = new ArrayList<>();
        for (String file : files) {
            Optional<String> text = host.read(file);
            if (text.isEmpty()) {
                continue;
            }
            String section = null;
            String[] lines = text.get().split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                // Indented lines continue the value above (Python's configparser), so only lines at column 0 name a key.
                if (line.startsWith("[") && line.contains("]")) {
                    section = line.substring(1, line.indexOf(']')).strip();
                    if (!section.equals("DEFAULT") && !section.equals("INCLUDES") && !sections.contains(section)) {
                        sections.add(section);
                    }
                } else if (section != null && line.matches("(?i)enabled\\s*[=:].*")) {
                    Setting s = new Setting(file, i + 1, truthy(line.substring(line.indexOf(line.contains("=") ? '=' : ':') + 1)));
                    if (section.equals("DEFAULT")) {
                        defaults = s;
                    } else {
                        explicit.put(section, s);
                    }
                }
            }
        }
        Map<String, Setting> out = new LinkedHashMap<>();
        for (String section : sections) {
            Setting s = explicit.getOrDefault(section, defaults);
            if (s != null) {
                out.put(section, s);
            }
        }
        return out;
    }

    private static boolean truthy(String value) {
        return List.of("true", "yes", "1", "on").contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
