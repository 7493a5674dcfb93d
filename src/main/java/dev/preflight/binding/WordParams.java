package dev.preflight.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Param;

/**
 * Lifts parameters from an item's words: "min 32 characters", "10GB+", "10MB max size",
 * "< 200ms (p95)", "p95 < 100ms", "Disk usage > 80%", "keep 30 days", "daily",
 * "2-4 workers per CPU core", "Python 3.10+", "/health/ready". Every value comes out in the
 * canonical form of its {@link Param}; the binder then keeps only the ones each check reads.
 *
 * <p>Each kind of parameter has its own small extractor below. They are deliberately narrow: a
 * parameter that is not lifted leaves the check at its documented default, while a wrong one
 * (a "13/13" read as a path) would make it verify something the item never asked.
 */
public final class WordParams {
    private static final int CI = Pattern.CASE_INSENSITIVE;

    private static final Pattern MIN_LENGTH = Pattern.compile(
            "(?:\\bmin(?:imum)?\\.?|\\bat least)\\s*(\\d+)\\s*char|(?<![\\w.])(\\d+)\\s*(?:\\+|or more)\\s*char", CI);

    private static final Pattern SIZE = Pattern.compile(
            "(?<![\\w.])(\\d+(?:\\.\\d+)?)\\s?(KB|KiB|MB|MiB|GB|GiB|TB|TiB)(\\+)?(?![A-Za-z])"
                    + "(?:\\s+(max|maximum|min|minimum|limit|or more|recommended))?", CI);
    private static final Pattern SIZE_LEAD = Pattern.compile("(max(?:imum)?|up to|min(?:imum)?|at least)\\s*$", CI);

    private static final String LATENCY_VALUE = "(\\d+(?:\\.\\d+)?)\\s*(ms|milliseconds?|s|secs?|seconds?)\\b";
    private static final String BELOW = "(?:[<≤]|\\bunder\\b|\\bbelow\\b|\\bless than\\b)";
    private static final Pattern PERCENTILE_FIRST = Pattern.compile(
            "\\b(p\\d{1,2}(?:\\.\\d+)?)\\s*(?:latency\\s*)?" + BELOW + "\\s*" + LATENCY_VALUE, CI);
    private static final Pattern LATENCY_FIRST = Pattern.compile(
            BELOW + "\\s*" + LATENCY_VALUE
                    + "(?:\\s*\\((?:(p\\d{1,2}(?:\\.\\d+)?)|(\\d{1,2}(?:\\.\\d+)?)(?:th|st|nd|rd) percentile)\\))?", CI);

    private static final Pattern PERCENT = Pattern.compile(
            "([<>≤≥]|\\babove\\b|\\bover\\b|\\bexceeds?\\b|\\bbelow\\b|\\bunder\\b|\\bless than\\b)\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*%", CI);
    private static final Pattern BARE_PERCENT = Pattern.compile("(?<![\\w.])(\\d{1,3}(?:\\.\\d+)?)\\s*%");

    private static final String TIME_UNIT = "(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\b";
    private static final Pattern RETENTION = Pattern.compile(
            "\\b(?:keep|keeps|kept|retain|retained|retention(?: of)?)(?:\\s+[a-z]+){0,2}?\\s+(?:for\\s+)?(?:the last\\s+)?(\\d+)\\s*" + TIME_UNIT, CI);
    private static final Pattern EVERY_N = Pattern.compile("\\bevery\\s+(\\d+)\\s*" + TIME_UNIT, CI);
    private static final Pattern FREQUENCY = Pattern.compile("\\b(hourly|daily|nightly|weekly|monthly)\\b|\\bevery\\s+(hour|day|night|week|month)\\b", CI);
    /** A crontab schedule: "0 2 * * *" runs daily, "15 * * * *" hourly, "0 3 * * 0" weekly. */
    private static final Pattern CRON = Pattern.compile("(?<![\\w*])(\\d{1,2}|\\*)\\s+(\\d{1,2}|\\*)\\s+\\*\\s+\\*\\s+(\\d|\\*)(?![\\w*])");
    private static final Pattern DURATION = Pattern.compile("\\b(?:for|within|after|up to)\\s+(\\d+)\\s*" + TIME_UNIT, CI);

    private static final Pattern COUNT_RANGE = Pattern.compile(
            "(?<![\\w.])(\\d+)\\s*(?:-|–|to)\\s*(\\d+)\\s+(?:workers?|processes|threads|replicas|instances|connections)\\b", CI);

    private static final String SOFTWARE_NAMES = "python|pip|virtualenv|node(?:\\.js)?|java|jdk|ruby|php|nginx|apache|certbot|"
            + "postgres(?:ql)?|mysql|mariadb|redis|docker|ffmpeg|ffprobe|gunicorn|uvicorn|openssl|git|django|flask";
    private static final Pattern VERSION = Pattern.compile(
            "\\b(" + SOFTWARE_NAMES + "|tls)\\s*(>=|≥)?\\s*v?(\\d+(?:\\.\\d+)*)(\\+|\\s+or\\s+(?:newer|later|higher|above))?", CI);
    private static final Pattern SOFTWARE = Pattern.compile("\\b(" + SOFTWARE_NAMES + ")\\b", CI);
    /** Software names count only where the words ask for the software itself, not for its settings. */
    private static final Pattern PRESENCE = Pattern.compile("\\binstall(ed|s)?\\b|\\bavailable\\b|\\bbinary\\b|\\bversion\\b|\\bpresent\\b", CI);
    private static final Pattern OR = Pattern.compile("\\bor\\b|/", CI);

    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.:/~-])(/[A-Za-z_][\\w.-]*(?:/[\\w.-]+)*/?)(?![\\w/])");
    /** Paths that name places on a disk, not on a web server. */
    private static final Pattern FILESYSTEM_PATH = Pattern.compile(
            "/(etc|var|usr|opt|home|tmp|root|srv|mnt|data|backups?|path)(/.*)?|.*\\.(sh|py|conf|cfg|ini|ya?ml|toml|log|db|sqlite3?|sql|gz|tar|service|timer)", CI);

    private static final Pattern PORT = Pattern.compile("\\b(?:port|ssh|http|https|smtp|dns)\\s*[:(]?\\s*(\\d{2,5})\\b(?![./])", CI);
    private static final Pattern MODE = Pattern.compile("(?<![\\w.])([0-7]{3,4})\\s+(?:for|on)\\s+(?:all\\s+)?(directories|dirs|folders|files)\\b", CI);
    private static final Pattern SETTING = Pattern.compile("\\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\\b(?!\\.\\w)|\\b([A-Z][A-Z0-9]{2,})\\s*=");

    private WordParams() {
    }

    /** The parameters the words state, keyed by {@link Param#key()}, in canonical form. */
    public static Map<String, String> of(String words) {
        Map<String, String> out = new LinkedHashMap<>();
        // Most items state no number and no path; skipping those extractors for them halves binding time.
        boolean digits = words.chars().anyMatch(Character::isDigit);
        if (digits) {
            minLength(words, out);
            sizes(words, out);
            latency(words, out);
            percent(words, out);
        }
        retentionAndFrequency(words, out);
        if (digits) {
            duration(words, out);
            countRange(words, out);
        }
        software(words, out);
        if (words.indexOf('/') >= 0) {
            paths(words, out);
        }
        if (digits) {
            port(words, out);
            modes(words, out);
        }
        setting(words, out);
        return out;
    }

    private static void minLength(String words, Map<String, String> out) {
        Matcher m = MIN_LENGTH.matcher(words);
        if (m.find()) {
            put(out, Param.MIN_LENGTH, m.group(1) != null ? m.group(1) : m.group(2));
        }
    }

    /** "10GB+", "at least 10GB" and "10GB recommended" are floors; "10MB max size" and a bare "10MB" are ceilings. */
    private static void sizes(String words, Map<String, String> out) {
        Matcher m = SIZE.matcher(words);
        while (m.find()) {
            String after = lower(m.group(4));
            Matcher lead = SIZE_LEAD.matcher(words.substring(0, m.start()));
            String before = lead.find() ? lower(lead.group(1)) : "";
            boolean floor = m.group(3) != null || after.startsWith("min") || after.equals("or more") || after.equals("recommended")
                    || before.startsWith("min") || before.equals("at least");
            put(out, floor ? Param.MIN_SIZE : Param.MAX_SIZE, m.group(1) + m.group(2));
        }
    }

    private static void latency(String words, Map<String, String> out) {
        Matcher m = PERCENTILE_FIRST.matcher(words);
        if (m.find()) {
            put(out, Param.PERCENTILE, m.group(1));
            put(out, Param.LATENCY, m.group(2) + latencyUnit(m.group(3)));
            return;
        }
        m = LATENCY_FIRST.matcher(words);
        if (m.find()) {
            put(out, Param.LATENCY, m.group(1) + latencyUnit(m.group(2)));
            if (m.group(3) != null) {
                put(out, Param.PERCENTILE, m.group(3));
            } else if (m.group(4) != null) {
                put(out, Param.PERCENTILE, "p" + m.group(4));
            }
        }
    }

    /**
     * The direction is kept as written: "Disk usage > 80%" is an alert line ({@code percentAbove}),
     * "Error rate < 0.1%" a ceiling ({@code percentBelow}); each check documents how it reads them.
     * A bare "99.9%" counts as a floor, as in "99.9% uptime".
     */
    private static void percent(String words, Map<String, String> out) {
        Matcher m = PERCENT.matcher(words);
        if (m.find()) {
            String op = lower(m.group(1));
            boolean above = op.equals(">") || op.equals("≥") || op.equals("above") || op.equals("over") || op.startsWith("exceed");
            put(out, above ? Param.PERCENT_ABOVE : Param.PERCENT_BELOW, m.group(2));
            return;
        }
        m = BARE_PERCENT.matcher(words);
        if (m.find()) {
            put(out, Param.PERCENT_ABOVE, m.group(1));
        }
    }

    private static void retentionAndFrequency(String words, Map<String, String> out) {
        Matcher m = RETENTION.matcher(words);
        if (m.find()) {
            put(out, Param.RETENTION, durationOf(m.group(1), m.group(2)));
        }
        m = EVERY_N.matcher(words);
        if (m.find()) {
            put(out, Param.EVERY, durationOf(m.group(1), m.group(2)));
        }
        m = FREQUENCY.matcher(words);
        if (m.find()) {
            String word = lower(m.group(1) != null ? m.group(1) : m.group(2));
            put(out, Param.EVERY, switch (word) {
                case "hourly", "hour" -> "1h";
                case "weekly", "week" -> "7d";
                case "monthly", "month" -> "30d";
                default -> "1d";
            });
        }
        m = CRON.matcher(words);
        if (m.find()) {
            boolean minuteSet = !m.group(1).equals("*");
            boolean hourSet = !m.group(2).equals("*");
            boolean weekdaySet = !m.group(3).equals("*");
            if (minuteSet && hourSet) {
                put(out, Param.EVERY, weekdaySet ? "7d" : "1d");
            } else if (minuteSet && !weekdaySet) {
                put(out, Param.EVERY, "1h");
            }
        }
    }

    private static void duration(String words, Map<String, String> out) {
        Matcher m = DURATION.matcher(words);
        if (m.find() && !RETENTION.matcher(words).find()) {
            put(out, Param.DURATION, durationOf(m.group(1), m.group(2)));
        }
    }

    private static void countRange(String words, Map<String, String> out) {
        Matcher m = COUNT_RANGE.matcher(words);
        if (m.find()) {
            put(out, Param.MIN_COUNT, m.group(1));
            put(out, Param.MAX_COUNT, m.group(2));
        }
    }

    /**
     * "Python 3.10+" and "Python >= 3.10" give a minimum version; otherwise, where the words ask for
     * software to be present ("installed", "available"), the software named: "pip and virtualenv"
     * is {@code pip,virtualenv} (all of them), "Nginx or Apache" is {@code nginx|apache} (any).
     * A version without "+" ("TLS 1.2") states a fact, not a floor, and lifts nothing.
     */
    private static void software(String words, Map<String, String> out) {
        Matcher m = VERSION.matcher(words);
        while (m.find()) {
            if (m.group(2) != null || m.group(4) != null) {
                put(out, Param.SOFTWARE, softwareName(m.group(1)));
                put(out, Param.MIN_VERSION, m.group(3));
                return;
            }
        }
        if (!PRESENCE.matcher(words).find()) {
            return;
        }
        m = SOFTWARE.matcher(words);
        List<String> names = new ArrayList<>();
        boolean any = false;
        int last = -1;
        while (m.find()) {
            String name = softwareName(m.group(1));
            if (!names.contains(name)) {
                any |= last >= 0 && OR.matcher(words.substring(last, m.start())).find();
                names.add(name);
            }
            last = m.end();
        }
        if (!names.isEmpty()) {
            put(out, Param.SOFTWARE, String.join(any ? "|" : ",", names));
        }
    }

    /** The first absolute path: a URL path ("/health/ready") or, for disk places and file names, a location. */
    private static void paths(String words, Map<String, String> out) {
        Matcher m = ABSOLUTE_PATH.matcher(words);
        while (m.find()) {
            String path = m.group(1).length() > 1 && m.group(1).endsWith("/")
                    ? m.group(1).substring(0, m.group(1).length() - 1) : m.group(1);
            put(out, FILESYSTEM_PATH.matcher(path).matches() ? Param.LOCATION : Param.PATH, path);
        }
    }

    private static void port(String words, Map<String, String> out) {
        Matcher m = PORT.matcher(words);
        if (m.find()) {
            put(out, Param.PORT, m.group(1));
        }
    }

    private static void modes(String words, Map<String, String> out) {
        Matcher m = MODE.matcher(words);
        while (m.find()) {
            put(out, lower(m.group(2)).equals("files") ? Param.FILE_MODE : Param.DIR_MODE, m.group(1));
        }
    }

    /** A configuration name as people write them: SECURE_HSTS_SECONDS, or DEBUG in "DEBUG=False". */
    private static void setting(String words, Map<String, String> out) {
        Matcher m = SETTING.matcher(words);
        if (m.find()) {
            put(out, Param.SETTING, m.group(1) != null ? m.group(1) : m.group(2));
        }
    }

    private static void put(Map<String, String> out, Param param, String raw) {
        out.putIfAbsent(param.key(), param.canonical(raw));
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String softwareName(String raw) {
        String name = lower(raw);
        return name.startsWith("postgres") ? "postgresql" : name.startsWith("node") ? "node" : name;
    }

    private static String latencyUnit(String unit) {
        String u = lower(unit);
        return u.startsWith("ms") || u.startsWith("milli") ? "ms" : "s";
    }

    private static String durationOf(String n, String unit) {
        String u = lower(unit);
        int count = Integer.parseInt(n);
        if (u.startsWith("mo")) {
            return count * 30 + "d";
        }
        if (u.startsWith("y")) {
            return count * 365 + "d";
        }
        return switch (u.charAt(0)) {
            case 's' -> n + "s";
            case 'm' -> n + "m";
            case 'h' -> n + "h";
            case 'w' -> n + "w";
            default -> n + "d";
        };
    }
}
