package dev.preflight.checks.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.checks.db.ListenAddressCheck;
import dev.preflight.checks.db.ListenAddressCheck.Reach;
import dev.preflight.collect.redis.RedisFacts;

/**
 * Redis refuses a command sent before AUTH (NOAUTH), and, where CONFIG GET is allowed, keeps
 * protected mode on and binds no public address or every interface.
 */
@CheckInfo(id = "redis.auth", title = "Redis refuses unauthenticated commands and is not bound to a public address", target = TargetKind.DB,
        phrases = {"redis (password|auth)", "requirepass", "redis\\b.*protected mode", "redis (is )?(bound|bind|listens)"},
        related = {"cis-redis:requirepass", "cis-redis:bind", "cis-redis:protected-mode"})
public final class RedisAuthCheck implements Check {
    private static final String FIX = "Set requirepass (or ACL users with passwords) in redis.conf and give the password in the application's"
                                      + " Redis URL; bind 127.0.0.1 -::1 (or a private, firewalled address); keep protected-mode yes.";

    @Override
    public Outcome run(CheckContext context) {
        return RedisServers.judge(context, RedisAuthCheck::judge);
    }

    static Outcome judge(RedisFacts.Reached facts) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("PING without AUTH: " + facts.unauthenticated()));
        facts.config().entrySet().stream()
                .filter(e -> e.getKey().equals("bind") || e.getKey().equals("protected-mode"))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> evidence.add(new Evidence.Note(e.getKey() + " = '" + e.getValue() + "'")));
        facts.unreadable().forEach(u -> evidence.add(new Evidence.Note("not readable: " + u)));

        Status status = Status.PASS;
        List<String> findings = new ArrayList<>();
        if (facts.openWithoutPassword()) {
            status = Status.FAIL;
            findings.add("answers commands without a password (PING before AUTH: " + facts.unauthenticated() + ")");
        } else {
            findings.add("refuses commands before AUTH (" + facts.unauthenticated() + ")");
        }
        String bind = facts.config().get("bind");
        if (bind != null) {
            Reach worst = Reach.LOOPBACK;
            List<String> exposed = new ArrayList<>();
            for (String address : addresses(bind)) {
                Reach reach = ListenAddressCheck.reach(address);
                if (reach != Reach.LOOPBACK) {
                    exposed.add(address + " (" + ListenAddressCheck.describe(reach) + ")");
                }
                worst = reach.compareTo(worst) > 0 ? reach : worst;
            }
            if (worst == Reach.ALL || worst == Reach.PUBLIC) {
                status = Status.FAIL;
            } else if (worst != Reach.LOOPBACK) {
                status = status.worse(Status.WARN);
            }
            findings.add(exposed.isEmpty() ? "bound to loopback only" : "bound beyond loopback: " + String.join(", ", exposed));
        }
        String protectedMode = facts.config().get("protected-mode");
        if ("no".equalsIgnoreCase(protectedMode)) {
            status = status.worse(Status.WARN);
            findings.add("protected mode is off");
        }
        if (bind == null || protectedMode == null) {
            status = status.worse(Status.WARN);
            findings.add("bind and protected-mode not readable (CONFIG GET refused)");
        }
        String summary = String.join("; ", findings);
        return status == Status.PASS ? Outcome.pass(summary, evidence) : new Outcome(status, summary, evidence, FIX, null);
    }

    /** Redis's bind list: addresses separated by spaces, a leading '-' marking one that may be missing at start-up. */
    private static List<String> addresses(String bind) {
        List<String> list = Arrays.stream(bind.strip().split("\\s+")).filter(s -> !s.isEmpty()).map(s -> s.startsWith("-") ? s.substring(1) : s)
                .toList();
        return list.isEmpty() ? List.of("*") : list;
    }
}
