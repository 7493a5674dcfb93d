package dev.preflight.collect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Spring Boot's {@code application*.properties} and {@code application*.yml} as dotted keys
 * ({@code spring.datasource.url}) with the line each is written on; profiles for development and
 * tests are not production and are left out by {@link #isProductionConfig}.
 */
public final class SpringProperties {
    private static final Pattern CONFIG = Pattern.compile("(^|/)application(-[\\w.-]+)?\\.(properties|ya?ml)$");
    private static final Pattern NOT_PRODUCTION = Pattern.compile("-(dev|development|local|test|tests|it|ci)\\.");
    private static final Pattern PROPERTY = Pattern.compile("^\\s*([\\w.\\[\\]-]+)\\s*[=:]\\s*(.*?)\\s*$");

    /** One setting and the line it is written on. */
    public record Setting(String value, int line) {
    }

    private SpringProperties() {
    }

    /** An application config file of a production profile, outside the test sources. */
    public static boolean isProductionConfig(String file) {
        return CONFIG.matcher(file).find() && !NOT_PRODUCTION.matcher(file).find() && !file.contains("src/test/");
    }

    public static Map<String, Setting> read(String file, String text) throws CannotParse {
        Map<String, Setting> out = new LinkedHashMap<>();
        if (file.endsWith(".properties")) {
            String[] lines = text.split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = PROPERTY.matcher(lines[i]);
                if (!lines[i].strip().startsWith("#") && m.matches()) {
                    out.put(m.group(1), new Setting(m.group(2), i + 1));
                }
            }
            return out;
        }
        try {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
                flatten("", document, text, out);
            }
        } catch (MarkedYAMLException e) {
            throw new CannotParse(e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1, e.getProblem());
        }
        return out;
    }

    private static void flatten(String prefix, Object node, String text, Map<String, Setting> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, text, out));
        } else if (node instanceof List<?> list) {
            out.put(prefix, new Setting(String.join(",", list.stream().map(String::valueOf).toList()), lineOf(text, prefix)));
        } else if (node != null) {
            out.put(prefix, new Setting(String.valueOf(node), lineOf(text, prefix)));
        }
    }

    /** The line of the last segment of a dotted key: good enough to point a reader at it. */
    private static int lineOf(String text, String dottedKey) {
        String last = dottedKey.substring(dottedKey.lastIndexOf('.') + 1);
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(last + ":")) {
                return i + 1;
            }
        }
        return 0;
    }
}
