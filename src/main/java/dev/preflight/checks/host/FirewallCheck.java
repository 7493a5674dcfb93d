package dev.preflight.checks.host;

import java.time.Duration;
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
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.host.SystemdUnits;

/**
 * A firewall is on at boot and drops incoming traffic by default, read from the files ufw,
 * nftables and iptables-persistent load at boot (so a mounted root answers too), and the item's
 * port ("Allow SSH (22)") is let in by one of its rules. On the live host, {@code ufw status} is
 * asked too when it may be run; it needs root, and the files decide when it cannot.
 */
@CheckInfo(id = "host.firewall", title = "A firewall is active and only the allowed ports are open", target = TargetKind.HOST,
        phrases = {"firewall", "\\bufw\\b", "\\bnftables\\b|\\biptables\\b", "\\bsecurity groups?\\b", "\\ballow (ssh|http|https)\\b",
                "\\bdeny all( other)? incoming", "\\bopen ports", "\\blistening ports"},
        params = {"port"}, related = {"lynis:FIRE-4512"})
public final class FirewallCheck implements Check {
    private static final Duration UFW_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern NFT_PORTS = Pattern.compile("\\b(?:tcp|udp|th)\\s+dport\\s+(\\{[^}]*}|\\S+)[^\\n]*\\baccept\\b");
    private static final Pattern IPT_PORTS = Pattern.compile("--dports?\\s+(\\S+)");

    /** A rule letting ports low..high in (1..65535 for a rule naming no port), and the line that says so. */
    private record Allowed(int low, int high, Evidence.FileLine line) {
        boolean covers(int port) {
            return low <= port && port <= high;
        }
    }

    /** What one firewall's files say: why it would not be on after a reboot, its default for incoming traffic, its rules. */
    private record Found(String name, List<String> off, boolean defaultDeny, Evidence policy, List<Allowed> allowed) {
    }

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        List<Evidence> evidence = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        ufw(host, evidence).ifPresent(found::add);
        nftables(host).ifPresent(found::add);
        iptables(host).ifPresent(found::add);
        String fix = "ufw default deny incoming; ufw allow 22/tcp (and the ports the item lists); ufw enable — or load an nftables ruleset "
                + "with policy drop on its input chain from /etc/nftables.conf and systemctl enable nftables.";
        if (found.isEmpty()) {
            return Outcome.fail("no firewall on " + host.describe() + ": neither ufw, nor /etc/nftables.conf, nor /etc/iptables/rules.v4", fix, evidence);
        }
        Optional<Found> on = found.stream().filter(f -> f.off().isEmpty()).findFirst();
        if (on.isEmpty()) {
            List<String> reasons = found.stream().map(f -> f.name() + ": " + String.join(", ", f.off())).toList();
            return Outcome.fail("no firewall is active at boot on " + host.describe() + " (" + String.join("; ", reasons) + ")", fix, evidence);
        }
        Found f = on.get();
        evidence.add(f.policy());
        f.allowed().forEach(a -> evidence.add(a.line()));
        if (!f.defaultDeny()) {
            return Outcome.fail(f.name() + " is active but lets every port in by default on " + host.describe(),
                    "Drop incoming traffic by default (ufw default deny incoming, or policy drop on the nftables input chain) and allow only the ports you serve.",
                    evidence);
        }
        Optional<String> port = context.params().text(Param.PORT);
        if (port.isPresent()) {
            int p = Integer.parseInt(port.get());
            Optional<Allowed> rule = f.allowed().stream().filter(a -> a.covers(p)).findFirst();
            if (rule.isEmpty()) {
                return Outcome.fail("port " + p + " is not let in by " + f.name() + " on " + host.describe() + ", which drops it by default",
                        "Allow it: ufw allow " + p + "/tcp (or an accept rule for tcp dport " + p + " in the nftables input chain).", evidence);
            }
            return Outcome.pass(f.name() + " is active, drops incoming by default and lets port " + p + " in ("
                    + rule.get().line().path() + ":" + rule.get().line().line() + ")", evidence);
        }
        return Outcome.pass(f.name() + " is active and drops incoming by default; " + f.allowed().size() + " allow rule(s), listed in the evidence",
                evidence);
    }

    /** ufw: ENABLED=yes in ufw.conf, its unit enabled and not masked, DEFAULT_INPUT_POLICY, and the tuples of user.rules. */
    private static Optional<Found> ufw(HostRoot host, List<Evidence> evidence) {
        Optional<String> conf = host.read("/etc/ufw/ufw.conf");
        Optional<String> binary = SoftwareVersionCheck.PATH_DIRS.stream().map(d -> d + "/ufw").filter(host::exists).findFirst();
        if (conf.isEmpty() && binary.isEmpty()) {
            return Optional.empty();
        }
        List<String> off = new ArrayList<>();
        if (conf.isEmpty() || !value(conf.get(), "ENABLED").equalsIgnoreCase("yes")) {
            off.add("ENABLED is not yes in /etc/ufw/ufw.conf");
        }
        unit(host, "ufw.service", off);
        if (binary.isPresent() && host.isLive()) {
            switch (host.run(UFW_TIMEOUT, binary.get(), "status")) {
                case HostRoot.Run.Done d when d.exitCode() == 0 && d.output().contains("Status: inactive") -> off.add("ufw status says inactive");
                case HostRoot.Run.Done d when d.exitCode() == 0 -> evidence.add(new Evidence.Note("ufw status: " + d.output().lines().findFirst().orElse("")));
                case HostRoot.Run.Done d -> evidence.add(new Evidence.Note("ufw status was refused (exit " + d.exitCode() + "): judged from the files"));
                case HostRoot.Run.NotRun n -> evidence.add(new Evidence.Note("ufw status not run (" + n.why() + "): judged from the files"));
            }
        }
        String policyFile = "/etc/default/ufw";
        String policy = host.read(policyFile).map(t -> value(t, "DEFAULT_INPUT_POLICY")).orElse("");
        boolean deny = policy.equalsIgnoreCase("DROP") || policy.equalsIgnoreCase("REJECT");
        Evidence said = new Evidence.Note(policyFile + ": DEFAULT_INPUT_POLICY=" + (policy.isEmpty() ? "(not set)" : policy));
        List<Allowed> allowed = new ArrayList<>();
        for (String file : List.of("/etc/ufw/user.rules", "/etc/ufw/user6.rules")) {
            String[] lines = host.read(file).orElse("").split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].startsWith("### tuple ###")) {
                    continue;
                }
                // action proto dport dst sport src [dapp sapp] direction, as ufw writes them
                String[] t = lines[i].substring("### tuple ###".length()).strip().split("\\s+");
                boolean letsIn = (t[0].startsWith("allow") || t[0].startsWith("limit")) && t[t.length - 1].startsWith("in");
                if (t.length >= 7 && letsIn) {
                    ports(t[2], new Evidence.FileLine(file, i + 1, lines[i].strip()), allowed);
                }
            }
        }
        return Optional.of(new Found("ufw", off, deny, said, allowed));
    }

    /** nftables: /etc/nftables.conf loaded by nftables.service, the policy of its input hook and its accept rules on ports. */
    private static Optional<Found> nftables(HostRoot host) {
        String file = "/etc/nftables.conf";
        Optional<String> text = host.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> off = new ArrayList<>();
        unit(host, "nftables.service", off);
        String[] lines = text.get().split("\n", -1);
        boolean deny = false;
        boolean inInput = false;
        int hookLine = 0;
        List<Allowed> allowed = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("chain ")) {
                inInput = false;
            }
            if (line.matches(".*\\bhook\\s+input\\b.*")) {
                inInput = true;
                hookLine = i + 1;
                deny = line.matches(".*\\bpolicy\\s+drop\\b.*");
            } else if (inInput && line.matches(".*\\bpolicy\\s+drop\\b.*")) {
                deny = true;
            }
            Matcher m = NFT_PORTS.matcher(line);
            if (inInput && m.find()) {
                ports(m.group(1).replaceAll("[{}\\s]", ""), new Evidence.FileLine(file, i + 1, line), allowed);
            }
        }
        Evidence said = hookLine == 0 ? new Evidence.Note(file + ": no chain hooks input, so nothing is filtered")
                : new Evidence.FileLine(file, hookLine, lines[hookLine - 1].strip());
        return Optional.of(new Found("nftables", off, deny, said, allowed));
    }

    /** iptables-persistent: /etc/iptables/rules.v4 restored by netfilter-persistent, its INPUT policy and ACCEPT rules on ports. */
    private static Optional<Found> iptables(HostRoot host) {
        String file = "/etc/iptables/rules.v4";
        Optional<String> text = host.read(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        List<String> off = new ArrayList<>();
        unit(host, "netfilter-persistent.service", off);
        String[] lines = text.get().split("\n", -1);
        boolean deny = false;
        Evidence said = new Evidence.Note(file + ": no INPUT policy");
        List<Allowed> allowed = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(":INPUT ")) {
                deny = line.startsWith(":INPUT DROP") || line.startsWith(":INPUT REJECT");
                said = new Evidence.FileLine(file, i + 1, line);
            }
            Matcher m = IPT_PORTS.matcher(line);
            if (line.startsWith("-A INPUT ") && line.contains("-j ACCEPT") && m.find()) {
                ports(m.group(1), new Evidence.FileLine(file, i + 1, line), allowed);
            }
        }
        return Optional.of(new Found("iptables (netfilter-persistent)", off, deny, said, allowed));
    }

    private static void unit(HostRoot host, String unit, List<String> off) {
        if (SystemdUnits.masked(host, unit)) {
            off.add(unit + " is masked");
        } else if (SystemdUnits.enabledBy(host, unit).isEmpty()) {
            off.add(unit + " is not enabled at boot");
        }
    }

    /** "22", "80,443", "6000:6007" (ufw, iptables) or "6000-6007" (nftables); "any" is every port. */
    private static void ports(String spec, Evidence.FileLine line, List<Allowed> out) {
        if (spec.equals("any")) {
            out.add(new Allowed(1, 65_535, line));
            return;
        }
        for (String part : spec.split(",")) {
            String[] range = part.split("[:-]");
            if (range.length >= 1 && range[0].matches("\\d{1,5}") && range[range.length - 1].matches("\\d{1,5}")) {
                out.add(new Allowed(Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1]), line));
            }
        }
    }

    /** A shell-style KEY=value or KEY="value" line's value, the last one winning, or "" when absent. */
    private static String value(String text, String key) {
        String found = "";
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.startsWith(key + "=")) {
                found = s.substring(key.length() + 1).strip().replace("\"", "").replace("'", "");
            }
        }
        return found;
    }
}
