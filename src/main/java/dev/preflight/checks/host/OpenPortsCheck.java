package dev.preflight.checks.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
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
import dev.preflight.collect.host.ListeningSockets;
import dev.preflight.collect.host.ListeningSockets.Listener;

/**
 * Only the allowed ports listen on addresses other machines can reach. The firewall check reads
 * what the rules would let in; this one reads what is actually listening (the kernel's socket
 * tables of the live host), so a database bound to 0.0.0.0 is found even where no firewall stands
 * in front of it. Allowed: the ports the item names ("Allow SSH (22)", "ports 80 and 443"), else
 * those of a web server: 22, 80 and 443.
 */
@CheckInfo(id = "host.open-ports", title = "Only the allowed ports listen on reachable addresses", target = TargetKind.HOST,
        phrases = {"\\bdeny all( other)? incoming", "\\bopen ports", "\\blistening ports", "\\bonly (the )?(necessary|required|needed) ports",
                "\\bclose (all )?(unused|unnecessary) ports", "\\bexposed ports"},
        params = {"port"}, related = {"lynis:NETW-3032", "nmap"})
public final class OpenPortsCheck implements Check {
    static final List<Integer> WEB_SERVER = List.of(22, 80, 443);
    private static final Pattern NAMED_PORT = Pattern.compile("\\((\\d{2,5})\\)|\\bports?\\s+((?:\\d{2,5}(?:\\s*(?:,|and|&|/)\\s*)?)+)",
            Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        Optional<List<Listener>> sockets = ListeningSockets.read(host);
        if (sockets.isEmpty()) {
            return Outcome.unverified("the listening sockets of " + host.describe() + " are not known: only the live host has kernel "
                                      + "socket tables (/proc/net/tcp) to read; run with --host on the server");
        }
        TreeSet<Integer> allowed = allowed(context);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("allowed: " + allowed + (named(context).isEmpty() ? " (a web server's; the item names no port)" : "")));
        List<Listener> reachable = sockets.get().stream().filter(l -> !l.loopback()).toList();
        List<Listener> unexpected = reachable.stream().filter(l -> !allowed.contains(l.port())).toList();
        reachable.stream().filter(l -> allowed.contains(l.port())).forEach(l -> evidence.add(new Evidence.Note("listening, allowed: " + l.describe())));
        long local = sockets.get().stream().filter(Listener::loopback).count();
        evidence.add(new Evidence.Note(local + " more listen on loopback only"));
        if (!unexpected.isEmpty()) {
            unexpected.forEach(l -> evidence.addFirst(new Evidence.Note("listening, not allowed: " + l.describe())));
            return Outcome.fail(unexpected.size() + (unexpected.size() == 1 ? " port outside the allowed list listens" : " ports outside the allowed list listen")
                                + " on a reachable address of " + host.describe() + ": "
                                + String.join(", ", unexpected.stream().map(Listener::describe).limit(5).toList())
                                + (unexpected.size() > 5 ? ", …" : ""),
                    "Bind internal services to 127.0.0.1 (PostgreSQL listen_addresses = 'localhost', Redis bind 127.0.0.1, MariaDB "
                    + "bind-address = 127.0.0.1), stop what is not needed, or name the port in the item if it is meant to be open; "
                    + "a firewall dropping the rest (host.firewall) is the second line.", evidence);
        }
        return Outcome.pass(reachable.isEmpty() ? "nothing listens on a reachable address of " + host.describe()
                : "only allowed ports listen on reachable addresses of " + host.describe() + ": "
                  + String.join(", ", reachable.stream().map(l -> String.valueOf(l.port())).distinct().toList()), evidence);
    }

    private static TreeSet<Integer> allowed(CheckContext context) {
        List<Integer> named = named(context);
        return new TreeSet<>(named.isEmpty() ? WEB_SERVER : named);
    }

    /** The ports the item's words or its parameter name. */
    private static List<Integer> named(CheckContext context) {
        List<Integer> ports = new ArrayList<>();
        context.params().text(Param.PORT).ifPresent(p -> ports.add(Integer.parseInt(p)));
        Matcher m = NAMED_PORT.matcher(context.itemText() == null ? "" : context.itemText());
        while (m.find()) {
            String numbers = m.group(1) != null ? m.group(1) : m.group(2);
            for (String n : numbers.split("\\D+")) {
                if (!n.isEmpty() && Integer.parseInt(n) <= 65_535) {
                    ports.add(Integer.parseInt(n));
                }
            }
        }
        return ports;
    }
}
