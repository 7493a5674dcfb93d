package dev.preflight.cli;

import dev.preflight.check.Param;

/** Ages given on the command line ("90d", "12w"), in whole days. */
final class Durations {
    private Durations() {
    }

    static long days(String option, String value) {
        try {
            long days = Param.duration(Param.DURATION.canonical(value)).toDays();
            if (days < 1) {
                throw new IllegalArgumentException("less than a day");
            }
            return days;
        } catch (IllegalArgumentException e) {
            throw new UserError(option + " " + value + ": give an age in days or weeks, e.g. 90d or 12w");
        }
    }
}
