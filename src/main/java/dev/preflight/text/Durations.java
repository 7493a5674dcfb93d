package dev.preflight.text;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as items, thresholds and preflight.yaml write them: a number and a unit, "200ms", "1.5s",
 * "5m", "2h", "30d", "1w". Item words and load scenarios share this one form.
 */
public final class Durations {
    private static final Pattern VALUE = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w)");

    private Durations() {
    }

    public static boolean isDuration(String text) {
        return VALUE.matcher(text).matches();
    }

    /** The duration {@code text} writes; an exception when it is not one. */
    public static Duration parse(String text) {
        Matcher m = VALUE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> n * 7 * 86_400_000;
        };
        return Duration.ofMillis((long) millis);
    }

    /** The shortest exact text of {@code d}: "2s", "1500ms", "250us". */
    public static String text(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos / 1_000 + "us";
    }
}
