package dev.preflight.checks.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.collect.BackupDestinations;

/** What the backup checks share: where the backups are, and how durations read in their summaries. */
final class Backups {
    private Backups() {
    }

    /**
     * The backup directory on the host, and where the repository names it ("scripts/backup.sh:4"),
     * null when the item or preflight.yaml gave it.
     */
    record Location(String directory, String origin) {
        /** The outcome with the repository's line naming the location as its first evidence; as it is when the item or the config gave it. */
        Outcome told(Outcome outcome) {
            if (origin == null) {
                return outcome;
            }
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence.Note("location " + directory + ", from " + origin));
            evidence.addAll(outcome.evidence());
            return new Outcome(outcome.status(), outcome.summary(), evidence, outcome.remediation(), outcome.skip());
        }
    }

    /**
     * The backup directory: the item's words, else backup.location of preflight.yaml (the binder
     * fills it in as the parameter), else the
     * directory the repository's backup job writes to.
     */
    private static Optional<Location> location(CheckContext context) {
        Optional<String> given = context.params().text(Param.LOCATION);
        if (given.isPresent()) {
            return Optional.of(new Location(given.get(), null));
        }
        if (context.repo() == null) {
            return Optional.empty();
        }
        return BackupDestinations.of(context.repo()).stream().findFirst().map(d -> new Location(d.directory(), d.where()));
    }

    /**
     * {@code judge}'s outcome on the backup directory, its evidence saying where the directory came
     * from; SKIP when nothing names one ({@code example} shows how an item would).
     */
    static Outcome atLocation(CheckContext context, String example, BiFunction<CheckContext, String, Outcome> judge) {
        Optional<Location> location = location(context);
        if (location.isEmpty()) {
            return Outcome.unverified(noLocation(context, example));
        }
        return location.get().told(judge.apply(context, location.get().directory()));
    }

    /** How to name a location, for the SKIP of an item that names none; {@code example} shows the item's words. */
    private static String noLocation(CheckContext context, String example) {
        return "no backup location: name it in the item (\"" + example + "\") or set backup.location in preflight.yaml"
               + (context.repo() == null ? "" : "; no backup script or job in the repository writes to an absolute directory");
    }

    /** "1d", "7d", "6h", "30m". */
    static String describe(Duration d) {
        if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
