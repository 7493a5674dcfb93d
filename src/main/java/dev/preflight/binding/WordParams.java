package dev.preflight.binding;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Param;

/**
 * Lifts parameters from an item's words: "min 32 characters", "10GB+", "10MB max size",
 * "< 200ms (p95)", "p95 < 100ms", "Disk usage > 80%", "keep 30 days", "daily",
 * "2-4 workers per CPU core", "Python 3.10+", "/health/ready". Every value comes out in the
 * canonical form of its {@link Param}.
 */
public final class WordParams {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern MIN_LENGTH = Pattern.compile(
            "(?:min(?:imum)?\\.?|at least)\\s*(\\d+)\\s*(?:char|characters?|chars?)\\b|(\\d+)\\+\\s*(?:char|characters?|chars?)\\b", FLAGS);
    private static final Pattern SIZE = Pattern.compile(
            "(\\d+(?:\\.\\d+)?)\\s?(KB|KiB|MB|MiB|GB|GiB|TB|TiB)(\\+)?(?:\\s+(max|maximum|min|minimum|limit|or more|recommended))?", FLAGS);
    private static final Pattern SIZE_BEFORE = Pattern.compile("(max(?:imum)?|up to|min(?:imum)?|at least)\\s*$", FLAGS);
    private static final Pattern LATENCY_THEN_P = Pattern.compile(
            "[<≤]\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|seconds?|milliseconds?)\\b(?:\\s*\\((p\\d{1,2}(?:\\.\\d+)?|(\\d{1,2}(?:\\.\\d+)?)(?:th|st|nd|rd) percentile)\\))?", FLAGS);
    private static final Pattern P_THEN_LATENCY = Pattern.compile(
            "\\b(p\\d{1,2}(?:\\.\\d+)?)\\s*(?:latency\\s*)?[<≤]\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)\\b", FLAGS);
    private static final Pattern PERCENT = Pattern.compile("([<>≤≥])\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*%");
    private static final Pattern BARE_PERCENT = Pattern.compile("(?<![<>≤≥\\d.])\\s(\\d{1,3}(?:\\.\\d+)?)\\s*%");
    private static final Pattern RETENTION = Pattern.compile("(?:keep|retain|retention(?: of)?|for)\\s+(\\d+)\\s*(day|week|month|hour|year)s?", FLAGS);
    private static final Pattern DURATION = Pattern.compile("\\b(?:for|within|every|after|up to)\\s+(\\d+)\\s*(seconds?|minutes?|hours?|days?|weeks?)\\b", FLAGS);
    private static final Pattern FREQUENCY = Pattern.compile("\\b(hourly|daily|nightly|weekly|monthly)\\b", FLAGS);
    private static final Pattern COUNT_RANGE = Pattern.compile("\\b(\\d+)\\s*(?:-|–|to)\\s*(\\d+)\\s+(workers?|processes|threads|replicas|instances|connections)", FLAGS);
    private static final Pattern VERSION = Pattern.compile(
            "\\b(python|node(?:\\.js)?|java|jdk|go|ruby|php|postgres(?:ql)?|mysql|mariadb|redis|nginx|django|flask|openssl|tls)\\s+v?(\\d+(?:\\.\\d+)*)\\+", FLAGS);
    private static final Pattern PATH = Pattern.compile("(?<![\\w.:/])(/[a-z][a-z0-9_.-]*(?:/[a-z0-9_.-]+)*/?)(?![\\w/])");

    private WordParams() {
    }

    public static Map<String, String> of(String words) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = MIN_LENGTH.matcher(words);
        if (m.find()) {
            put(out, Param.MIN_LENGTH, m.group(1) != null ? m.group(1) : m.group(2));
        }
        m = SIZE.matcher(words);
        while (m.find()) {
            String size = m.group(1) + m.group(2).toUpperCase(Locale.ROOT);
            String after = m.group(4) == null ? "" : m.group(4).toLowerCase(Locale.ROOT);
            Matcher before = SIZE_BEFORE.matcher(words.substring(0, m.start()));
            String lead = before.find() ? before.group(1).toLowerCase(Locale.ROOT) : "";
            boolean min = m.group(3) != null || after.startsWith("min") || after.equals("or more")
                    || after.equals("recommended") || lead.startsWith("min") || lead.equals("at least");
            put(out, min ? Param.MIN_SIZE : Param.MAX_SIZE, size);
        }
        m = P_THEN_LATENCY.matcher(words);
        if (m.find()) {
            put(out, Param.PERCENTILE, m.group(1));
            put(out, Param.LATENCY, m.group(2) + unit(m.group(3)));
        } else {
            m = LATENCY_THEN_P.matcher(words);
            if (m.find()) {
                put(out, Param.LATENCY, m.group(1) + unit(m.group(2)));
                if (m.group(4) != null) {
                    put(out, Param.PERCENTILE, "p" + m.group(4));
                } else if (m.group(3) != null) {
                    put(out, Param.PERCENTILE, m.group(3));
                }
            }
        }
        m = PERCENT.matcher(words);
        if (m.find()) {
            boolean above = m.group(1).equals(">") || m.group(1).equals("≥");
            put(out, above ? Param.PERCENT_ABOVE : Param.PERCENT_BELOW, m.group(2));
        } else {
            m = BARE_PERCENT.matcher(" " + words);
            if (m.find()) {
                put(out, Param.PERCENT_ABOVE, m.group(1));
            }
        }
        m = RETENTION.matcher(words);
        if (m.find()) {
            put(out, Param.RETENTION, durationOf(m.group(1), m.group(2)));
        } else {
            m = DURATION.matcher(words);
            if (m.find()) {
                put(out, Param.DURATION, durationOf(m.group(1), m.group(2)));
            }
        }
        m = FREQUENCY.matcher(words);
        if (m.find()) {
            put(out, Param.EVERY, switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "hourly" -> "1h";
                case "weekly" -> "7d";
                case "monthly" -> "30d";
                default -> "1d";
            });
        }
        m = COUNT_RANGE.matcher(words);
        if (m.find()) {
            put(out, Param.MIN_COUNT, m.group(1));
            put(out, Param.MAX_COUNT, m.group(2));
        }
        m = VERSION.matcher(words);
        if (m.find()) {
            put(out, Param.SOFTWARE, m.group(1).toLowerCase(Locale.ROOT));
            put(out, Param.MIN_VERSION, m.group(2));
        }
        m = PATH.matcher(words);
        if (m.find() && !m.group(1).matches("/(etc|var|usr|opt|home|tmp|root)(/.*)?")) {
            put(out, Param.PATH, m.group(1).length() > 1 && m.group(1).endsWith("/")
                    ? m.group(1).substring(0, m.group(1).length() - 1) : m.group(1));
        }
        return out;
    }

    private static void put(Map<String, String> out, Param param, String raw) {
        out.putIfAbsent(param.key(), param.canonical(raw));
    }

    private static String unit(String u) {
        String s = u.toLowerCase(Locale.ROOT);
        return s.startsWith("ms") || s.startsWith("milli") ? "ms" : "s";
    }

    private static String durationOf(String n, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        return switch (u.charAt(0)) {
            case 's' -> n + "s";
            case 'm' -> u.startsWith("mo") ? Integer.parseInt(n) * 30 + "d" : n + "m";
            case 'h' -> n + "h";
            case 'w' -> n + "w";
            case 'y' -> Integer.parseInt(n) * 365 + "d";
            default -> n + "d";
        };
    }
}
