package dev.preflight.checks.http;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validator for the Prometheus text exposition format (0.0.4) and OpenMetrics text: every line is
 * a comment, a HELP/TYPE line, or a sample {@code name{labels} value [timestamp]}.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    private static final String VALUE = "(?:[-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?)|[-+]?Inf|NaN)";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*,?)?\\})?[ \\t]+" + VALUE + "(?:[ \\t]+-?\\d+(?:\\.\\d+)?)?"
                    + "(?:[ \\t]+#[ \\t]+\\{.*)?[ \\t]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE " + NAME + " (counter|gauge|histogram|summary|untyped|unknown|gaugehistogram|stateset|info)");
    private static final Pattern HELP = Pattern.compile("# HELP " + NAME + "( .*)?");

    /** What a metrics body holds, or the first line that is not valid exposition text. */
    record Result(int samples, int families, int badLine, String badText) {
        boolean valid() {
            return badLine == 0 && samples > 0;
        }
    }

    private PrometheusText() {
    }

    static Result parse(String body) {
        String[] lines = body.split("\r?\n", -1);
        int samples = 0;
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
            var m = SAMPLE.matcher(line);
            if (!m.matches()) {
                return new Result(samples, families.size(), i + 1, line);
            }
            samples++;
            families.add(m.group(1).replaceAll("_(bucket|sum|count|total|created)$", ""));
        }
        return new Result(samples, families.size(), 0, null);
    }
}
