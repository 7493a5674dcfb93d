package dev.preflight.checks.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * The addresses the server itself says it listens on (PostgreSQL listen_addresses; MariaDB/MySQL
 * bind_address and skip_networking): loopback or the Unix socket only, never every interface or a
 * public address.
 */
@CheckInfo(id = "db.listen-address", title = "The database does not listen on a public address", target = TargetKind.DB,
        phrases = {"database access to localhost", "\\brestrict\\w* (the )?database access",
                "\\b(database|db|postgres\\w*|mysql) (only )?(listens|bound) (on|to)", "listen_addresses", "bind-address"},
        related = {"cis-postgresql:3.1 listen_addresses", "cis-mysql:bind_address"})
public final class ListenAddressCheck implements Check {

    /** How far one listening address reaches, from least to most exposed. */
    public enum Reach { LOOPBACK, PRIVATE, UNKNOWN, PUBLIC, ALL }

    @Override
    public Outcome run(CheckContext context) {
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL), ListenAddressCheck::judge);
    }

    static Outcome judge(DatabaseFacts.Reached facts) {
        Map<String, String> listen = facts.listen();
        List<Evidence> evidence = new ArrayList<>();
        listen.forEach((name, value) -> evidence.add(new Evidence.Note(name + " = '" + value + "'")));
        List<String> addresses = addresses(listen);
        if (addresses.isEmpty()) {
            return Outcome.pass("no TCP listener: the server takes connections on its Unix socket only", evidence);
        }
        Reach worst = Reach.LOOPBACK;
        List<String> exposed = new ArrayList<>();
        for (String address : addresses) {
            Reach reach = reach(address);
            if (reach != Reach.LOOPBACK) {
                exposed.add(address + " (" + describe(reach) + ")");
            }
            worst = reach.compareTo(worst) > 0 ? reach : worst;
        }
        String fix = "Listen on loopback only and let the application connect there or through the Unix socket: PostgreSQL"
                     + " listen_addresses = 'localhost'; MariaDB/MySQL bind_address = 127.0.0.1 (or skip_networking). Where the"
                     + " database must be reached from other hosts, bind a private address and firewall it to those hosts.";
        if (worst == Reach.LOOPBACK) {
            return Outcome.pass("listens on loopback only: " + String.join(", ", addresses), evidence);
        }
        String summary = "listens beyond loopback: " + String.join(", ", exposed);
        Status status = worst == Reach.PRIVATE || worst == Reach.UNKNOWN ? Status.WARN : Status.FAIL;
        return new Outcome(status, summary, evidence, fix, null);
    }

    private static List<String> addresses(Map<String, String> listen) {
        if ("ON".equalsIgnoreCase(listen.get("skip_networking"))) {
            return List.of();
        }
        if (listen.containsKey("bind_address")) {
            String bind = listen.get("bind_address").strip();
            return bind.isEmpty() ? List.of("*") : split(bind);
        }
        return split(listen.getOrDefault("listen_addresses", ""));
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** How far a literal address reaches; redis.auth judges Redis's {@code bind} with it too. */
    public static Reach reach(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.equals("*") || a.equals("0.0.0.0") || a.equals("::")) {
            return Reach.ALL;
        }
        if (a.equals("localhost")) {
            return Reach.LOOPBACK;
        }
        // Only literal addresses are judged: resolving a name here would ask a DNS server about the deployment.
        if (!a.matches("[0-9.]+|[0-9a-f:.]+")) {
            return Reach.UNKNOWN;
        }
        try {
            InetAddress ip = InetAddress.getByName(a);
            if (ip.isLoopbackAddress()) {
                return Reach.LOOPBACK;
            }
            boolean uniqueLocal = ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xfe) == 0xfc;
            return ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || uniqueLocal ? Reach.PRIVATE : Reach.PUBLIC;
        } catch (UnknownHostException e) {
            return Reach.UNKNOWN;
        }
    }

    public static String describe(Reach reach) {
        return switch (reach) {
            case ALL -> "every interface";
            case PUBLIC -> "a public address";
            case PRIVATE -> "a private network address";
            case UNKNOWN -> "a host name, not resolved here";
            case LOOPBACK -> "loopback";
        };
    }
}
