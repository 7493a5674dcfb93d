package dev.preflight.checks.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;

/**
 * The live host's memory, from /proc/meminfo: at least the item's RAM ("4GB RAM") and in use below
 * its alert line (90% when it gives none), counting what the kernel can reclaim as available.
 */
@CheckInfo(id = "host.memory", title = "Memory use is under the item's alert line", target = TargetKind.HOST, severity = Severity.MEDIUM,
        phrases = {"memory usage(?! (is |remains |stays )?stable)", "\\bRAM\\b", "\\bfree memory", "\\bswap\\b"},
        params = {"minSize", "percentAbove"})
public final class MemoryCheck implements Check {
    static final double DEFAULT_ALERT_PERCENT = 90;

    /** The figures that matter, in bytes. */
    record MemInfo(long total, long available, long swapTotal, long swapFree) {
        double usedPercent() {
            return total == 0 ? 0 : 100.0 * (total - available) / total;
        }

        /** /proc/meminfo's "Key:   123 kB" lines; empty when MemTotal or MemAvailable (Linux 3.14+) is missing. */
        static Optional<MemInfo> parse(String text) {
            Map<String, Long> values = new HashMap<>();
            for (String line : text.split("\n")) {
                String[] parts = line.split(":\\s*|\\s+");
                if (parts.length >= 2 && parts[1].matches("\\d+")) {
                    values.put(parts[0], Long.parseLong(parts[1]) * (parts.length > 2 && parts[2].equals("kB") ? 1024 : 1));
                }
            }
            if (!values.containsKey("MemTotal") || !values.containsKey("MemAvailable")) {
                return Optional.empty();
            }
            return Optional.of(new MemInfo(values.get("MemTotal"), values.get("MemAvailable"), values.getOrDefault("SwapTotal", 0L),
                    values.getOrDefault("SwapFree", 0L)));
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        if (!host.isLive()) {
            return Outcome.unverified("memory is a fact of the running machine, not of a mounted root: run with --host on it");
        }
        Optional<MemInfo> info = host.read("/proc/meminfo").flatMap(MemInfo::parse);
        if (info.isEmpty()) {
            return Outcome.error("/proc/meminfo cannot be read or has no MemTotal/MemAvailable on " + host.describe());
        }
        return judge(info.get(), context);
    }

    static Outcome judge(MemInfo m, CheckContext context) {
        Optional<Long> floor = context.params().bytes(Param.MIN_SIZE);
        Optional<Double> alertGiven = context.params().percent(Param.PERCENT_ABOVE);
        double alert = alertGiven.orElse(DEFAULT_ALERT_PERCENT);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Measurement("memory", gib(m.total()), "GiB"));
        evidence.add(new Evidence.Measurement("memory available", gib(m.available()), "GiB"));
        evidence.add(new Evidence.Measurement("memory in use", round(m.usedPercent()), "%"));
        if (m.swapTotal() > 0) {
            evidence.add(new Evidence.Measurement("swap in use", round(100.0 * (m.swapTotal() - m.swapFree()) / m.swapTotal()), "%"));
        }
        if (alertGiven.isEmpty()) {
            evidence.add(new Evidence.Note("the item gives no alert line: " + (long) DEFAULT_ALERT_PERCENT + "% in use is the default"));
        }
        List<String> problems = new ArrayList<>();
        if (floor.isPresent() && m.total() < floor.get()) {
            problems.add(gib(m.total()) + " GiB of memory, under the item's " + context.params().text(Param.MIN_SIZE).orElseThrow());
        }
        if (m.usedPercent() > alert) {
            problems.add(round(m.usedPercent()) + "% of memory in use, over " + (alertGiven.isPresent() ? "the item's" : "the default")
                    + " alert line of " + trim(alert) + "%");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), "Find what holds the memory (ps aux --sort=-rss | head), bound the app's workers "
                    + "and caches, or add memory; alert at the item's line in your monitoring.", evidence);
        }
        return Outcome.pass(round(m.usedPercent()) + "% of " + gib(m.total()) + " GiB in use (alert line " + trim(alert) + "%)"
                + floor.map(f -> ", at least " + context.params().text(Param.MIN_SIZE).orElseThrow()).orElse(""), evidence);
    }

    private static double gib(long bytes) {
        return round(bytes / (double) (1L << 30));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
