package dev.preflight.check;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.text.Durations;

/**
 * The parameter vocabulary shared by all checks. Item words are lifted into these names, directives
 * and preflight.yaml use them, and each value is kept in one canonical text form ("10GB", "200ms",
 * "p95") so that reports show what the user wrote, not a converted number.
 */
public enum Param {
    PATH("path", Kind.PATH, "a URL path such as /health"),
    LOCATION("location", Kind.PATH, "a filesystem path on the target, e.g. /var/backups/app"),
    METRICS_PATH("metricsPath", Kind.PATH, "the URL path of the service's Prometheus metrics, when the load goes to another path"),
    MIN_LENGTH("minLength", Kind.COUNT, "a minimum length in characters"),
    MIN_SIZE("minSize", Kind.SIZE, "a minimum size, e.g. 10GB"),
    MAX_SIZE("maxSize", Kind.SIZE, "a maximum size, e.g. 10MB"),
    PERCENTILE("percentile", Kind.PERCENTILE, "a latency percentile, e.g. p95"),
    LATENCY("latency", Kind.DURATION, "a latency bound, e.g. 200ms"),
    PERCENT_ABOVE("percentAbove", Kind.PERCENT, "a percentage the value should stay above (or alert above)"),
    PERCENT_BELOW("percentBelow", Kind.PERCENT, "a percentage the value should stay below"),
    EVERY("every", Kind.DURATION, "how often something runs, e.g. 1d for daily"),
    RETENTION("retention", Kind.DURATION, "how long something is kept, e.g. 30d"),
    DURATION("duration", Kind.DURATION, "how long, e.g. 24h"),
    MIN_COUNT("minCount", Kind.COUNT, "a lower bound on a count"),
    MAX_COUNT("maxCount", Kind.COUNT, "an upper bound on a count"),
    MIN_VERSION("minVersion", Kind.VERSION, "a minimum version, e.g. 3.10"),
    SOFTWARE("software", Kind.TEXT, "the software a version or presence applies to: a name, names joined by ',' (all) or '|' (any)"),
    SETTING("setting", Kind.TEXT, "a configuration setting the item names, e.g. SECURE_HSTS_SECONDS"),
    PORT("port", Kind.PORT, "a TCP port, e.g. 443"),
    DIR_MODE("dirMode", Kind.MODE, "permission bits for directories, e.g. 755"),
    FILE_MODE("fileMode", Kind.MODE, "permission bits for files, e.g. 644"),
    BURST("burst", Kind.COUNT, "how many requests an active burst may send"),
    DOCUMENT("document", Kind.TEXT, "a file name or document kind"),
    SCENARIO("scenario", Kind.TEXT, "a load scenario of preflight.yaml, by name");

    /** The value kinds; each knows its canonical form. */
    public enum Kind {
        TEXT, PATH, COUNT, SIZE, DURATION, PERCENT, PERCENTILE, VERSION, PORT, MODE
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|KIB|K|MB|MIB|M|GB|GIB|G|TB|TIB|T)");
    private static final Pattern PERCENTILE_VALUE = Pattern.compile("p(\\d{1,2}(?:\\.\\d+)?)");

    private final String key;
    private final Kind kind;
    private final String description;

    Param(String key, Kind kind, String description) {
        this.key = key;
        this.kind = kind;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public static Optional<Param> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    /** The canonical form of a value, or an exception whose message says what was expected. */
    public String canonical(String raw) {
        String v = raw.strip();
        boolean ok = switch (kind) {
            case TEXT -> !v.isEmpty();
            case PATH -> v.startsWith("/") && !v.contains("..") && v.chars().noneMatch(Character::isWhitespace);
            case COUNT -> v.matches("\\d{1,9}");
            case SIZE -> SIZE.matcher(v.toUpperCase(Locale.ROOT)).matches();
            case DURATION -> Durations.isDuration(v);
            case PERCENT -> v.matches("\\d{1,3}(\\.\\d+)?") && Double.parseDouble(v) <= 100;
            case PERCENTILE -> PERCENTILE_VALUE.matcher(v.toLowerCase(Locale.ROOT)).matches();
            case VERSION -> v.matches("\\d+(\\.\\d+)*");
            case PORT -> v.matches("\\d{1,5}") && Integer.parseInt(v) >= 1 && Integer.parseInt(v) <= 65_535;
            case MODE -> v.matches("[0-7]{3,4}");
        };
        if (!ok) {
            throw new IllegalArgumentException(key + "=" + raw + " is not " + description);
        }
        return switch (kind) {
            case SIZE -> v.toUpperCase(Locale.ROOT).replace(" ", "");
            case PERCENTILE -> v.toLowerCase(Locale.ROOT);
            default -> v;
        };
    }

    public static long bytes(String canonical) {
        Matcher m = SIZE.matcher(canonical.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: " + canonical);
        }
        double n = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2).charAt(0)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            case 'T' -> 1L << 40;
            default -> 1;
        };
        return (long) (n * unit);
    }

    public static Duration duration(String canonical) {
        return Durations.parse(canonical);
    }
}
