package dev.preflight.collect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level assignments of a Python settings module ({@code NAME = value}, and Flask's
 * {@code app.config["NAME"] = value}) and the upper-case attributes of top-level classes (Flask's
 * configuration classes, with their bases as written), with the literal values Preflight can judge
 * without running Python: strings, booleans, whole numbers (products and sums of them, as in
 * {@code 60 * 60 * 24}), {@code None}, lists or tuples of strings, and dicts with string keys. A
 * value read from the environment ({@code os.environ[...]}, {@code os.getenv(...)}, django-environ's
 * {@code env(...)} and {@code env.db()}, python-decouple's {@code config(...)}, dj-database-url's
 * {@code dj_database_url.config(...)}) is marked as such, with its variable and literal default.
 * Anything else is kept as source text. Later assignments replace earlier ones, as in Python.
 */
public final class PythonSettings {

    /** A value as far as it can be known without running the module. */
    public sealed interface Value {
        /** A short form for evidence; callers mask secrets themselves. */
        String describe();
    }

    public record Str(String text) implements Value {
        public String describe() {
            return "'" + text + "'";
        }
    }

    public record Bool(boolean value) implements Value {
        public String describe() {
            return value ? "True" : "False";
        }
    }

    public record Num(long value) implements Value {
        public String describe() {
            return Long.toString(value);
        }
    }

    public record None() implements Value {
        public String describe() {
            return "None";
        }
    }

    public record StrList(List<String> items) implements Value {
        public StrList {
            items = List.copyOf(items);
        }

        public String describe() {
            return items.toString();
        }
    }

    /** A dict literal with string keys, in the order written ({@code DATABASES = {"default": {...}}}). */
    public record Dict(Map<String, Value> entries) implements Value {
        public Dict {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public Optional<Value> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        public String describe() {
            StringBuilder out = new StringBuilder("{");
            entries.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append('\'').append(k).append("': ").append(v.describe()));
            return out.append('}').toString();
        }
    }

    /** Read from the environment variable {@code variable}; {@code fallback} is the literal default, if any. */
    public record FromEnv(String variable, Optional<Value> fallback) implements Value {
        public String describe() {
            return "from the environment (" + variable + ")";
        }
    }

    /** An expression Preflight does not evaluate, as written. */
    public record Expr(String source) implements Value {
        public String describe() {
            return source;
        }
    }

    /** One assignment: the file it is in (a star-imported base module, perhaps), its 1-based line and first line as written. */
    public record Assignment(String name, Value value, String file, int line, String excerpt) {
    }

    /**
     * A top-level class: its bases as written ({@code Config}, {@code config.BaseConfig}; keyword
     * arguments such as {@code metaclass=} left out) and its upper-case attributes by name.
     */
    public record ConfigClass(String name, List<String> bases, Map<String, Assignment> attributes) {
        public ConfigClass {
            bases = List.copyOf(bases);
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }

    /** A name bound by {@code from module import name [as alias]}. */
    public record Import(String module, String name) {
    }

    private static final Pattern ASSIGN = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)\\s*(?::[^=]+)?=(?!=)(.*)$");
    private static final Pattern CONFIG_ITEM = Pattern.compile("^\\s*\\w+\\.config\\[\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]\\s*\\]\\s*=(?!=)(.*)$");
    private static final Pattern STAR_IMPORT = Pattern.compile("^from\\s+([.\\w]+)\\s+import\\s+\\*");
    private static final Pattern ENV_CALL = Pattern.compile(
            "(?:os\\.environ\\.get|os\\.getenv|environ\\.get|\\benv(?:\\.\\w+)?|\\bconfig)\\(\\s*(?:['\"]([A-Za-z_][A-Za-z0-9_]*)['\"])(.*)",
            Pattern.DOTALL);
    private static final Pattern ENV_INDEX = Pattern.compile("os\\.environ\\[\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]\\s*\\]");
    private static final Pattern DEFAULT_ARG = Pattern.compile("^\\s*,\\s*(?:default\\s*=\\s*)?(.+?)\\s*(?:,\\s*\\w+\\s*=.*)?\\)", Pattern.DOTALL);

    private static final Pattern CLASS = Pattern.compile("^class\\s+([A-Za-z_]\\w*)\\s*(?:\\((.*)\\))?\\s*:\\s*(#.*)?$");
    private static final Pattern FROM_IMPORT = Pattern.compile("^from\\s+([.\\w]+)\\s+import\\s+(?!\\*)(.+)$");
    private static final Pattern IMPORTED_NAME = Pattern.compile("^\\s*([A-Za-z_]\\w*)(?:\\s+as\\s+([A-Za-z_]\\w*))?\\s*$");
    private static final Pattern DATABASE_URL_CALL = Pattern.compile("(?:dj_database_url\\.config|env\\.db(?:_url)?)\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern KEYWORD_ARGUMENT = Pattern.compile("(?s)^\\s*([A-Za-z_]\\w*)\\s*=(?!=)\\s*(.+?)\\s*$");
    private static final Pattern CLASS_ATTRIBUTE = Pattern.compile("^(\\s+)([A-Z_][A-Z0-9_]*)\\s*(?::[^=]+)?=(?!=)(.*)$");

    private final String path;
    private final Map<String, Assignment> assignments;
    private final Map<String, ConfigClass> classes;
    private final List<String> starImports;
    private final Map<String, Import> imports;

    private PythonSettings(String path, Map<String, Assignment> assignments, Map<String, ConfigClass> classes,
                           List<String> starImports, Map<String, Import> imports) {
        this.path = path;
        this.assignments = assignments;
        this.classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        this.starImports = List.copyOf(starImports);
        this.imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
    }

    public static PythonSettings parse(String path, String text) {
        Map<String, Assignment> out = new LinkedHashMap<>();
        Map<String, List<String>> bases = new LinkedHashMap<>();
        Map<String, Map<String, Assignment>> attributes = new LinkedHashMap<>();
        List<String> stars = new ArrayList<>();
        Map<String, Import> imports = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        String inClass = null;
        String bodyIndent = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                inClass = null;
            }
            Matcher cls = CLASS.matcher(line);
            if (cls.matches()) {
                inClass = cls.group(1);
                bodyIndent = null;
                bases.put(inClass, cls.group(2) == null ? List.of() : splitTopLevel(cls.group(2)).stream().map(String::strip)
                        .filter(b -> !b.isEmpty() && !b.contains("=")).toList());
                attributes.put(inClass, new LinkedHashMap<>());
                continue;
            }
            Matcher attribute = CLASS_ATTRIBUTE.matcher(line);
            if (inClass != null && attribute.matches() && (bodyIndent == null || bodyIndent.equals(attribute.group(1)))) {
                bodyIndent = attribute.group(1);
                StringBuilder expr = new StringBuilder(attribute.group(3));
                int first = i;
                while (!balanced(expr) && i + 1 < lines.length) {
                    expr.append('\n').append(lines[++i]);
                }
                String name = attribute.group(2);
                attributes.get(inClass).put(name, new Assignment(name, value(stripComment(expr.toString()).strip()), path, first + 1, line.strip()));
                continue;
            }
            Matcher star = STAR_IMPORT.matcher(line);
            if (star.find()) {
                stars.add(star.group(1));
                continue;
            }
            Matcher from = FROM_IMPORT.matcher(line);
            if (from.matches()) {
                StringBuilder names = new StringBuilder(from.group(2));
                while (!balanced(names) && i + 1 < lines.length) {
                    names.append('\n').append(lines[++i]);
                }
                for (String part : splitTopLevel(stripComment(names.toString()).replace("(", "").replace(")", ""))) {
                    Matcher n = IMPORTED_NAME.matcher(part);
                    if (n.matches()) {
                        imports.put(n.group(2) != null ? n.group(2) : n.group(1), new Import(from.group(1), n.group(1)));
                    }
                }
                continue;
            }
            Matcher m = ASSIGN.matcher(line);
            if (!m.matches()) {
                m = CONFIG_ITEM.matcher(line);
                if (!m.matches()) {
                    continue;
                }
            }
            StringBuilder expr = new StringBuilder(m.group(2));
            int first = i;
            while (!balanced(expr) && i + 1 < lines.length) {
                expr.append('\n').append(lines[++i]);
            }
            String name = m.group(1);
            out.remove(name);
            out.put(name, new Assignment(name, value(stripComment(expr.toString()).strip()), path, first + 1, line.strip()));
        }
        Map<String, ConfigClass> classes = new LinkedHashMap<>();
        bases.forEach((name, written) -> classes.put(name, new ConfigClass(name, written, attributes.get(name))));
        return new PythonSettings(path, out, classes, stars, imports);
    }

    public String path() {
        return path;
    }

    public Optional<Assignment> get(String name) {
        return Optional.ofNullable(assignments.get(name));
    }

    public Map<String, Assignment> assignments() {
        return Collections.unmodifiableMap(assignments);
    }

    /**
     * The top-level classes by name: Flask's configuration classes
     * ({@code class ProductionConfig(Config): DEBUG = False}). As parsed, each holds its own attributes;
     * {@link #withClasses} gives them what they inherit.
     */
    public Map<String, ConfigClass> classes() {
        return classes;
    }

    /** The same module with its classes replaced, e.g. by the classes with their inherited attributes merged in. */
    public PythonSettings withClasses(Map<String, ConfigClass> resolved) {
        return new PythonSettings(path, assignments, resolved, starImports, imports);
    }

    /** Names bound at the top level by {@code from X import Name [as Alias]}, by the name they are bound to. */
    public Map<String, Import> imports() {
        return imports;
    }

    /** Modules imported with {@code from X import *}, as written ({@code .base}, {@code project.settings.base}). */
    public List<String> starImports() {
        return starImports;
    }

    /** These settings laid over {@code base}, as after {@code from base import *}. */
    public PythonSettings over(PythonSettings base) {
        Map<String, Assignment> merged = new LinkedHashMap<>(base.assignments);
        merged.putAll(assignments);
        return new PythonSettings(path, merged, classes, starImports, imports);
    }

    /** The value of one expression, as far as a literal reading goes. */
    public static Value value(String expr) {
        String e = expr.strip();
        if (e.startsWith("{") && e.endsWith("}")) {
            Optional<Dict> dict = dict(e.substring(1, e.length() - 1));
            if (dict.isPresent()) {
                return dict.get();
            }
        }
        Matcher databaseUrl = DATABASE_URL_CALL.matcher(e);
        if (databaseUrl.matches()) {
            return databaseUrl(databaseUrl.group(1));
        }
        Matcher index = ENV_INDEX.matcher(e);
        if (index.find()) {
            return new FromEnv(index.group(1), Optional.empty());
        }
        Matcher call = ENV_CALL.matcher(e);
        if (call.find()) {
            Matcher def = DEFAULT_ARG.matcher(call.group(2));
            Optional<Value> fallback = def.find() ? Optional.of(value(def.group(1))).filter(v -> !(v instanceof Expr)) : Optional.empty();
            return new FromEnv(call.group(1), fallback);
        }
        if (e.equals("True") || e.equals("False")) {
            return new Bool(e.equals("True"));
        }
        if (e.equals("None")) {
            return new None();
        }
        Optional<String> s = string(e);
        if (s.isPresent()) {
            return new Str(s.get());
        }
        Optional<Long> n = number(e);
        if (n.isPresent()) {
            return new Num(n.get());
        }
        if ((e.startsWith("[") && e.endsWith("]")) || (e.startsWith("(") && e.endsWith(")") && e.contains(","))) {
            Optional<List<String>> items = strings(e.substring(1, e.length() - 1));
            if (items.isPresent()) {
                return new StrList(items.get());
            }
        }
        return new Expr(e);
    }

    /** A dict's entries when every key is a string literal; values are read like any other. */
    private static Optional<Dict> dict(String inner) {
        Map<String, Value> entries = new LinkedHashMap<>();
        for (String part : splitTopLevel(inner)) {
            String p = stripComment(part).strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = topLevelColon(p);
            Optional<String> key = colon < 0 ? Optional.empty() : string(p.substring(0, colon).strip());
            if (key.isEmpty()) {
                return Optional.empty();
            }
            entries.put(key.get(), value(p.substring(colon + 1)));
        }
        return Optional.of(new Dict(entries));
    }

    private static int topLevelColon(String entry) {
        List<String> beforeColon = splitOn(entry, ':');
        return beforeColon.size() < 2 ? -1 : beforeColon.getFirst().length();
    }

    /**
     * dj-database-url's {@code config(env="DATABASE_URL", default=None, ...)} and django-environ's
     * {@code env.db(var="DATABASE_URL", default=...)}: the variable first, then the default.
     */
    private static Value databaseUrl(String arguments) {
        String variable = "DATABASE_URL";
        Optional<Value> fallback = Optional.empty();
        int position = 0;
        for (String part : splitTopLevel(arguments)) {
            if (part.isBlank()) {
                continue;
            }
            Matcher keyword = KEYWORD_ARGUMENT.matcher(part);
            String name = keyword.matches() ? keyword.group(1) : position == 0 ? "env" : position == 1 ? "default" : "";
            Value v = value(keyword.matches() ? keyword.group(2) : part);
            position++;
            if ((name.equals("env") || name.equals("var")) && v instanceof Str s) {
                variable = s.text();
            } else if (name.equals("default") && !(v instanceof Expr) && !(v instanceof None)) {
                fallback = Optional.of(v);
            }
        }
        return new FromEnv(variable, fallback);
    }

    private static final Pattern STRING = Pattern.compile("(?s)[rRuU]?(\"\"\"|'''|\"|')(.*?)\\1");

    /** A string literal, or adjacent literals Python joins; escapes other than quotes are kept as written. */
    private static Optional<String> string(String e) {
        Matcher m = STRING.matcher(e);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < e.length()) {
            if (Character.isWhitespace(e.charAt(at))) {
                at++;
                continue;
            }
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            out.append(m.group(2).replace("\\'", "'").replace("\\\"", "\""));
            at = m.end();
        }
        return at == 0 ? Optional.empty() : Optional.of(out.toString());
    }

    private static Optional<List<String>> strings(String inner) {
        List<String> items = new ArrayList<>();
        for (String part : splitTopLevel(inner)) {
            String p = stripComment(part).strip();
            if (p.isEmpty()) {
                continue;
            }
            Optional<String> s = string(p);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            items.add(s.get());
        }
        return Optional.of(items);
    }

    /** Whole numbers and their sums and products: {@code 31536000}, {@code 60 * 60 * 24 * 365}, {@code 10 * 1024 * 1024}. */
    private static Optional<Long> number(String e) {
        if (!e.matches("[\\d_\\s*+()]+") || !e.matches(".*\\d.*")) {
            return Optional.empty();
        }
        long sum = 0;
        for (String term : e.replace("(", "").replace(")", "").split("\\+")) {
            long product = 1;
            for (String factor : term.split("\\*")) {
                String f = factor.strip().replace("_", "");
                if (!f.matches("\\d{1,18}")) {
                    return Optional.empty();
                }
                product = Math.multiplyExact(product, Long.parseLong(f));
            }
            sum = Math.addExact(sum, product);
        }
        return Optional.of(sum);
    }

    /** Splits on commas outside strings and brackets. */
    public static List<String> splitTopLevel(String text) {
        return splitOn(text, ',');
    }

    private static List<String> splitOn(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** True when brackets are closed and no string is open, so the statement ends on this line. */
    static boolean balanced(CharSequence text) {
        int depth = 0;
        String s = text.toString();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (s.startsWith("\"\"\"", i) || s.startsWith("'''", i)) {
                int close = s.indexOf(s.substring(i, i + 3), i + 3);
                if (close < 0) {
                    return false;
                }
                i = close + 2;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '#') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
        }
        return depth <= 0 && !s.endsWith("\\");
    }

    /** The expression without a trailing comment, outside strings. */
    static String stripComment(String expr) {
        char quote = 0;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < expr.length()) {
                    out.append(c).append(expr.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                int nl = expr.indexOf('\n', i);
                if (nl < 0) {
                    break;
                }
                i = nl - 1;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
