package dev.preflight.checks.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.redis.RedisFacts;

/**
 * Redis has a memory limit and an eviction policy that fits what the item says Redis is for: a
 * cache evicts, a store does not evict and persists (RDB snapshots or the append-only file).
 */
@CheckInfo(id = "redis.memory", title = "Redis has maxmemory, an eviction policy and persistence as needed", target = TargetKind.DB,
        severity = Severity.MEDIUM, phrases = {"maxmemory", "redis (memory|eviction|persistence)", "eviction policy"},
        related = {"redis:maxmemory", "redis:maxmemory-policy"})
public final class RedisMemoryCheck implements Check {

    /** What the item says Redis is used for. */
    enum Use { CACHE, STORE, UNSAID }

    private static final Pattern CACHE = Pattern.compile("\\bcach(e|es|ing)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STORE = Pattern.compile("\\b(store|storage|persist\\w*|durab\\w*|queues?|sessions?)\\b", Pattern.CASE_INSENSITIVE);
    private static final String NO_EVICTION = "noeviction";

    @Override
    public Outcome run(CheckContext context) {
        Use use = use(context.itemText());
        return RedisServers.judge(context, facts -> judge(facts, use));
    }

    static Use use(String itemText) {
        String text = itemText == null ? "" : itemText;
        if (STORE.matcher(text).find()) {
            return Use.STORE;
        }
        return CACHE.matcher(text).find() ? Use.CACHE : Use.UNSAID;
    }

    static Outcome judge(RedisFacts.Reached facts, Use use) {
        String maxmemory = facts.setting("maxmemory");
        String policy = facts.setting("maxmemory-policy");
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("maxmemory = " + (maxmemory == null ? "not readable" : maxmemory)));
        evidence.add(new Evidence.Note("maxmemory-policy = " + (policy == null ? "not readable" : policy)));
        if (maxmemory == null || policy == null) {
            facts.unreadable().forEach(u -> evidence.add(new Evidence.Note("not readable: " + u)));
            return Outcome.error("maxmemory and its policy could not be read from CONFIG GET or INFO memory", evidence.toArray(Evidence[]::new));
        }
        Status status = Status.PASS;
        List<String> findings = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (maxmemory.equals("0")) {
            status = Status.FAIL;
            findings.add("maxmemory is 0: no limit, Redis grows until the host runs out of memory");
            fixes.add("set maxmemory below the memory the host can give Redis (maxmemory 256mb)");
        } else {
            findings.add("maxmemory is " + maxmemory + " bytes");
        }
        boolean evicts = !policy.toLowerCase(Locale.ROOT).equals(NO_EVICTION);
        switch (use) {
            case CACHE -> {
                if (!evicts) {
                    status = Status.FAIL;
                    findings.add("maxmemory-policy is noeviction: a full cache refuses writes instead of evicting");
                    fixes.add("set maxmemory-policy allkeys-lru (or allkeys-lfu) for a cache");
                } else {
                    findings.add("maxmemory-policy " + policy + " evicts for a cache");
                }
            }
            case STORE -> {
                if (policy.toLowerCase(Locale.ROOT).startsWith("allkeys-")) {
                    status = status.worse(Status.WARN);
                    findings.add("maxmemory-policy " + policy + " may evict any key: a store loses data when full");
                    fixes.add("use noeviction (or volatile-* with expiring keys only) where Redis stores data");
                } else {
                    findings.add("maxmemory-policy " + policy);
                }
                String persistence = persistence(facts, evidence);
                if (persistence == null) {
                    status = Status.FAIL;
                    findings.add("no persistence: neither RDB snapshots (save) nor the append-only file is on");
                    fixes.add("turn on appendonly yes (and/or save 3600 1 300 100 60 10000) where Redis stores data");
                } else {
                    findings.add("persists with " + persistence);
                }
            }
            case UNSAID -> {
                if (!evicts) {
                    status = status.worse(Status.WARN);
                    findings.add("maxmemory-policy is left at the default noeviction: writes fail once maxmemory is reached");
                    fixes.add("choose the policy for the use: allkeys-lru for a cache, noeviction with persistence for a store");
                } else {
                    findings.add("maxmemory-policy " + policy);
                }
            }
        }
        String summary = String.join("; ", findings);
        return status == Status.PASS ? Outcome.pass(summary, evidence) : new Outcome(status, summary, evidence, String.join("; ", fixes), null);
    }

    /** "RDB snapshots (save ...)", "the append-only file" or both; null when neither is on or readable. */
    private static String persistence(RedisFacts.Reached facts, List<Evidence> evidence) {
        String save = facts.config().get("save");
        String appendonly = facts.config().get("appendonly");
        boolean aof = appendonly != null ? appendonly.equalsIgnoreCase("yes") : "1".equals(facts.info().get("aof_enabled"));
        boolean rdb = save != null && !save.isBlank();
        evidence.add(new Evidence.Note("save = '" + (save == null ? "not readable" : save) + "'"));
        evidence.add(new Evidence.Note("appendonly = " + (aof ? "yes" : "no")));
        if (rdb && aof) {
            return "RDB snapshots (save " + save + ") and the append-only file";
        }
        return rdb ? "RDB snapshots (save " + save + ")" : aof ? "the append-only file" : null;
    }
}
