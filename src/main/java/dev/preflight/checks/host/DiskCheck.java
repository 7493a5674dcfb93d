package dev.preflight.checks.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;

/**
 * The filesystem holding the item's location ("/" when it names none) has at least the item's free
 * space ("10GB+") and is used below its alert line ("> 80%"; 90% when the item gives none).
 */
@CheckInfo(id = "host.disk", title = "Free disk meets the item's floor and usage is under its alert line", target = TargetKind.HOST,
        phrases = {"\\bdisk (space|usage)", "\\bfree space", "\\bstorage space"},
        params = {"minSize", "percentAbove", "location"})
public final class DiskCheck implements Check {
    /** An alert line for items that give none: past it, a log burst or a backup fills the disk within hours. */
    static final double DEFAULT_ALERT_PERCENT = 90;

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        String location = context.params().text(Param.LOCATION).orElse("/");
        Optional<HostRoot.Space> space = host.space(location);
        if (space.isEmpty()) {
            return Outcome.error(location + " does not exist on " + host.describe() + " (or its filesystem cannot be read)");
        }
        HostRoot.Space s = space.get();
        Optional<Long> floor = context.params().bytes(Param.MIN_SIZE);
        Optional<Double> alertGiven = context.params().percent(Param.PERCENT_ABOVE);
        double alert = alertGiven.orElse(DEFAULT_ALERT_PERCENT);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Measurement("free space on " + location + " (" + s.store() + ")", round(s.usable() / (double) (1L << 30)), "GiB"));
        evidence.add(new Evidence.Measurement("used on " + location, round(s.usedPercent()), "%"));
        List<String> problems = new ArrayList<>();
        if (floor.isPresent() && s.usable() < floor.get()) {
            problems.add(gib(s.usable()) + " free on " + location + ", under the item's " + context.params().text(Param.MIN_SIZE).orElseThrow());
        }
        if (s.usedPercent() > alert) {
            problems.add(location + " is " + round(s.usedPercent()) + "% used, over " + (alertGiven.isPresent() ? "the item's" : "the default")
                    + " alert line of " + trim(alert) + "%");
        }
        if (alertGiven.isEmpty()) {
            evidence.add(new Evidence.Note("the item gives no alert line: " + trim(DEFAULT_ALERT_PERCENT) + "% used is the default"));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems),
                    "Free space on " + location + " (old logs, backups, images, package caches), or grow the filesystem; alert before it fills.",
                    evidence);
        }
        return Outcome.pass(gib(s.usable()) + " free on " + location + ", " + round(s.usedPercent()) + "% used"
                + floor.map(f -> " (floor " + context.params().text(Param.MIN_SIZE).orElseThrow() + ")").orElse("")
                + " (alert line " + trim(alert) + "%)", evidence);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
