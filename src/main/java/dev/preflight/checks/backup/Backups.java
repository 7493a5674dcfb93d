package dev.preflight.checks.backup;

import java.time.Duration;
import java.util.Optional;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Param;

/** What the backup checks share: where the backups are, and how durations read in their summaries. */
final class Backups {
    /** How to name a location, for the SKIP of an item that names none. */
    static final String NO_LOCATION = "no backup location: name it in the item (\"… exists in /var/backups/app\") "
            + "or set backup.location in preflight.yaml";

    private Backups() {
    }

    /** The backup directory on the host: the item's words, else backup.location of preflight.yaml (the binder fills it in). */
    static Optional<String> location(CheckContext context) {
        return context.params().text(Param.LOCATION);
    }

    /** "1d", "7d", "6h", "30m". */
    static String describe(Duration d) {
        if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
            return d.toDays() + "d";
        }
        return d.toMinutes() % 60 == 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }
}
