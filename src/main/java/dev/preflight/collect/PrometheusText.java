package dev.preflight.collect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader of the Prometheus text exposition format (0.0.4) and OpenMetrics text: every line is a
 * comment, a HELP/TYPE line, or a sample {@code name{labels} value [timestamp]}. It validates the
 * whole body and keeps each sample's name, labels and value.
 */
public final class PrometheusText {
    /** Where client libraries and frameworks serve their metrics unless told otherwise. */
    public static final List<String> USUAL_PATHS = List.of("/metrics", "/actuator/prometheus", "/api/metrics");

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    // Case-insensitive Inf and NaN, as Prometheus reads them: prom-client writes "Nan".
    private static final String VALUE = "(?:[-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?)|[-+]?(?i:inf)|(?i:nan))";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})?[ \\t]+(" + VALUE + ")(?:[ \\t]+-?\\d+(?:\\.\\d+)?)?"
                    + "(?:[ \\t]+#[ \\t]+\\{.*)?[ \\t]*");
    private static final Pattern LABEL_PAIR = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TYPE = Pattern.compile("# TYPE " + NAME + " (counter|gauge|histogram|summary|untyped|unknown|gaugehistogram|stateset|info)");
    private static final Pattern HELP = Pattern.compile("# HELP " + NAME + "( .*)?");

    /** One sample line: {@code labels} in their written order, escapes undone. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /** What a metrics body holds, or the first line that is not valid exposition text (1-based; 0 when all are). */
    public record Result(List<Sample> series, int families, int badLine, String badText) {
        public Result {
            series = List.copyOf(series);
        }

        public int samples() {
            return series.size();
        }

        public boolean valid() {
            return badLine == 0 && !series.isEmpty();
        }

        /** The samples named {@code name}. */
        public List<Sample> named(String name) {
            return series.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    private PrometheusText() {
    }

    public static Result parse(String body) {
        String[] lines = body.split("\r?\n", -1);
        List<Sample> samples = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.equals("# EOF")) {
                continue;
            }
            if (line.startsWith("# TYPE ") && !TYPE.matcher(line).matches()
                    || line.startsWith("# HELP ") && !HELP.matcher(line).matches()) {
                return new Result(samples, families.size(), i + 1, line);
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                return new Result(samples, families.size(), i + 1, line);
            }
            samples.add(new Sample(m.group(1), labels(m.group(2)), number(m.group(3))));
            families.add(m.group(1).replaceAll("_(bucket|sum|count|total|created)$", ""));
        }
        return new Result(samples, families.size(), 0, null);
    }

    private static Map<String, String> labels(String braces) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (braces != null) {
            Matcher pair = LABEL_PAIR.matcher(braces);
            while (pair.find()) {
                labels.put(pair.group(1), unescape(pair.group(2)));
            }
        }
        return labels;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static double number(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "+inf", "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
