package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;

/**
 * What the container checks found across the files they read, turned into one outcome: FAIL when
 * any failure, WARN when only weaknesses, PASS otherwise with what was verified as evidence. A file
 * that cannot be parsed is a weakness (the check goes on with the others) and an ERROR when no
 * file could be read at all.
 */
final class ContainerFindings {
    private final List<Evidence> failures = new ArrayList<>();
    private final List<Evidence> warnings = new ArrayList<>();
    private final List<Evidence> verified = new ArrayList<>();
    private final Set<String> fixes = new LinkedHashSet<>();
    private int read;
    private int unreadable;

    void fail(String path, int line, String message, String fix) {
        failures.add(new Evidence.FileLine(path, line, message));
        fixes.add(fix);
    }

    void warn(String path, int line, String message, String fix) {
        warnings.add(new Evidence.FileLine(path, line, message));
        fixes.add(fix);
    }

    void ok(String path, int line, String message) {
        verified.add(new Evidence.FileLine(path, line, message));
    }

    void read() {
        read++;
    }

    /** A file that could not be parsed; {@code description} is "cannot parse at line:col: ...". */
    void unreadable(String path, int line, String description) {
        unreadable++;
        warnings.add(new Evidence.FileLine(path, line, description));
        fixes.add("Fix the syntax error so the file can be read (and deployed).");
    }

    int filesRead() {
        return read;
    }

    /** The outcome; {@code what} names the things checked ("2 Dockerfiles"), {@code passSummary} says what held. */
    Outcome outcome(String what, String passSummary) {
        String fix = String.join(" ", fixes);
        if (read == 0 && unreadable > 0) {
            return Outcome.error("none of the " + what + " could be parsed", warnings.toArray(Evidence[]::new));
        }
        List<Evidence> problems = new ArrayList<>(failures);
        problems.addAll(warnings);
        if (!failures.isEmpty()) {
            return Outcome.fail(summary(failures, warnings.size(), what), fix, problems);
        }
        if (!warnings.isEmpty()) {
            return Outcome.warn(summary(warnings, 0, what), fix, problems);
        }
        return Outcome.pass(passSummary, verified);
    }

    private static String summary(List<Evidence> main, int more, String what) {
        String first = main.getFirst().describe();
        int others = main.size() - 1 + more;
        return others == 0 ? first : first + " (and " + others + " more finding" + (others == 1 ? "" : "s") + " in " + what + ")";
    }
}
