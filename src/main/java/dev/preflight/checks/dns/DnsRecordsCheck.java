package dev.preflight.checks.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;

/**
 * The host of each URL given resolves, to an IPv4 address when the item asks for an A record and to
 * an IPv6 address when it asks for AAAA. Names are resolved as the deployment's clients on this
 * machine resolve them ({@link InetAddress}: the hosts file, then DNS).
 */
@CheckInfo(id = "dns.records", title = "The host has the A and AAAA records the item asks for", target = TargetKind.URL,
        severity = Severity.MEDIUM,
        phrases = {"\\bdns (a |aaaa |cname )?records?\\b", "\\bA record", "\\bAAAA record", "domain resolution", "\\bnslookup\\b", "\\bdig\\b"},
        related = {"dig", "nslookup"})
public final class DnsRecordsCheck implements Check {
    /** Upper-case on purpose: "a record" in running text is an article, "A record" is the record type. */
    private static final Pattern ASKS_A = Pattern.compile("\\bA records?\\b|\\bIPv4\\b");
    private static final Pattern ASKS_AAAA = Pattern.compile("\\bAAAA\\b|\\bIPv6\\b", Pattern.CASE_INSENSITIVE);
    /** getaddrinfo's EAI_AGAIN: the resolver did not answer, which says nothing about the records. */
    private static final Pattern TEMPORARY = Pattern.compile("temporary failure|try again", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        Set<String> hosts = new LinkedHashSet<>();
        for (URI url : context.http().urls()) {
            String host = url.getHost().toLowerCase(Locale.ROOT);
            if (!isLiteral(host)) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty()) {
            return Outcome.notApplicable("the URL names an IP address, not a host name: there are no DNS records to look up");
        }
        if (context.http().planning()) {
            return Outcome.unverified("not resolved (--plan)");
        }
        boolean wantA = ASKS_A.matcher(context.itemText()).find();
        boolean wantAaaa = ASKS_AAAA.matcher(context.itemText()).find();

        List<Evidence> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String host : hosts) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                String why = e.getMessage() == null ? "unknown host" : e.getMessage();
                evidence.add(new Evidence.Note(host + ": " + why));
                if (TEMPORARY.matcher(why).find()) {
                    return Outcome.error("the resolver did not answer for " + host + ": " + why, evidence.toArray(Evidence[]::new));
                }
                problems.add(host + " does not resolve");
                continue;
            }
            List<String> v4 = addresses(addresses, Inet4Address.class);
            List<String> v6 = addresses(addresses, Inet6Address.class);
            evidence.add(new Evidence.Note(host + ": A " + orNone(v4) + "; AAAA " + orNone(v6)));
            if (wantA && v4.isEmpty()) {
                problems.add(host + " has no A record" + (v6.isEmpty() ? "" : " (AAAA " + String.join(", ", v6) + ")"));
            }
            if (wantAaaa && v6.isEmpty()) {
                problems.add(host + " has no AAAA record" + (v4.isEmpty() ? "" : " (A " + String.join(", ", v4) + ")"));
            }
            found.add(host + " → " + Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems),
                    "Add the missing records at the DNS provider (A for IPv4, AAAA for IPv6) and wait for the old "
                            + "answers' TTL to pass; `dig +short A host` and `dig +short AAAA host` show what resolvers see.", evidence);
        }
        return Outcome.pass(String.join("; ", found), evidence);
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static List<String> addresses(InetAddress[] all, Class<? extends InetAddress> family) {
        return Arrays.stream(all).filter(family::isInstance).map(InetAddress::getHostAddress).distinct().toList();
    }

    private static String orNone(List<String> addresses) {
        return addresses.isEmpty() ? "none" : String.join(", ", addresses);
    }
}
