package dev.preflight.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way BuildKit's parser reads it: parser directives at the top
 * ({@code # syntax=}, {@code # escape=}), comments, line continuations (with the escape character
 * the file chose, comment and blank lines inside a continuation dropped), heredocs
 * ({@code RUN <<EOF ... EOF}) and stages ({@code FROM image AS name}). It does not evaluate
 * anything except build arguments in {@code FROM}, which is what the checks need to name the base image.
 */
public record Dockerfile(Map<String, String> directives, List<Instruction> instructions) {

    private static final Set<String> KEYWORDS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*");
    private static final Set<String> DIRECTIVE_NAMES = Set.of("syntax", "escape", "check");
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    public Dockerfile {
        directives = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(directives));
        instructions = List.copyOf(instructions);
    }

    /**
     * One instruction. {@code arguments} is everything after the keyword with continuations joined
     * (as BuildKit joins them: the escape and newline removed); {@code line} is where it starts and
     * {@code column} where its keyword starts, both 1-based.
     */
    public record Instruction(String keyword, String arguments, int line, int column, List<String> heredocs) {
        public Instruction {
            heredocs = List.copyOf(heredocs);
        }

        /** The arguments of an exec-form instruction ({@code ["python", "app.py"]}); empty for the shell form. */
        public Optional<List<String>> execForm() {
            String a = arguments.strip();
            if (!a.startsWith("[") || !a.endsWith("]")) {
                return Optional.empty();
            }
            return JsonArray.strings(a);
        }

        /** Leading {@code --name=value} flags, e.g. {@code --chown=app} or {@code --checksum=sha256:...}. */
        public Map<String, String> flags() {
            Map<String, String> flags = new LinkedHashMap<>();
            for (String word : Words.split(arguments)) {
                if (!word.startsWith("--")) {
                    break;
                }
                int eq = word.indexOf('=');
                flags.put(eq < 0 ? word.substring(2) : word.substring(2, eq), eq < 0 ? "" : word.substring(eq + 1));
            }
            return flags;
        }

        /** The words after the flags, quotes removed. */
        public List<String> words() {
            List<String> words = Words.split(arguments);
            int i = 0;
            while (i < words.size() && words.get(i).startsWith("--")) {
                i++;
            }
            return words.subList(i, words.size());
        }

        /** "RUN apt-get install -y curl", as it reads once continuations are joined. */
        public String text() {
            return keyword + " " + arguments.strip();
        }
    }

    /** A build stage: its FROM and the instructions up to the next FROM. */
    public record Stage(int index, Instruction from, String image, Optional<String> alias, List<Instruction> body) {
        public Stage {
            body = List.copyOf(body);
        }

        public List<Instruction> all(String keyword) {
            return body.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        public Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
        }
    }

    public static Dockerfile parse(String text) throws CannotParse {
        List<String> lines = text.lines().toList();
        Map<String, String> directives = new LinkedHashMap<>();
        int i = 0;
        for (; i < lines.size(); i++) {
            Matcher m = DIRECTIVE.matcher(lines.get(i).strip());
            String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
            if (name == null || !DIRECTIVE_NAMES.contains(name) || directives.containsKey(name)) {
                break;
            }
            directives.put(name, m.group(2));
        }
        String escapeValue = directives.getOrDefault("escape", "\\");
        if (!escapeValue.equals("\\") && !escapeValue.equals("`")) {
            throw new CannotParse(i, 1, "invalid escape directive '" + escapeValue + "' (only \\ or ` are allowed)");
        }
        char escape = escapeValue.charAt(0);

        List<Instruction> instructions = new ArrayList<>();
        boolean seenFrom = false;
        while (i < lines.size()) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            int column = line.indexOf(stripped.charAt(0)) + 1;
            StringBuilder logical = new StringBuilder();
            String part = stripped;
            while (true) {
                String trimmed = part.stripTrailing();
                if (!trimmed.isEmpty() && trimmed.charAt(trimmed.length() - 1) == escape) {
                    logical.append(trimmed, 0, trimmed.length() - 1);
                    i++;
                    while (i < lines.size() && (lines.get(i).isBlank() || lines.get(i).strip().startsWith("#"))) {
                        i++;
                    }
                    if (i >= lines.size()) {
                        break;
                    }
                    part = lines.get(i);
                } else {
                    logical.append(trimmed);
                    i++;
                    break;
                }
            }
            String joined = logical.toString();
            int space = firstSpace(joined);
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : joined.substring(space).strip();
            if (!KEYWORDS.contains(keyword)) {
                throw new CannotParse(start + 1, column, "unknown instruction '" + (space < 0 ? joined : joined.substring(0, space)) + "'");
            }
            if (arguments.isEmpty()) {
                throw new CannotParse(start + 1, column, keyword + " needs at least one argument");
            }
            if (!seenFrom && !keyword.equals("ARG") && !keyword.equals("FROM")) {
                throw new CannotParse(start + 1, column, keyword + " before the first FROM (only ARG may come first)");
            }
            seenFrom |= keyword.equals("FROM");
            List<String> heredocs = new ArrayList<>();
            if (keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) {
                Matcher h = HEREDOC.matcher(arguments);
                while (h.find()) {
                    String word = h.group(3);
                    boolean stripTabs = !h.group(1).isEmpty();
                    StringBuilder body = new StringBuilder();
                    while (true) {
                        if (i >= lines.size()) {
                            throw new CannotParse(start + 1, column + 1 + h.start() + keyword.length(),
                                    "heredoc <<" + word + " is never closed");
                        }
                        String bodyLine = lines.get(i++);
                        if ((stripTabs ? bodyLine.replaceFirst("^\t+", "") : bodyLine).equals(word)) {
                            break;
                        }
                        body.append(bodyLine).append('\n');
                    }
                    heredocs.add(body.toString());
                }
            }
            instructions.add(new Instruction(keyword, arguments, start + 1, column, heredocs));
        }
        if (!seenFrom) {
            throw new CannotParse(Math.max(1, lines.size()), 1, "no FROM instruction");
        }
        return new Dockerfile(directives, instructions);
    }

    /**
     * The stages in order. A stage's image has build arguments declared before the first FROM
     * substituted with their defaults ({@code ARG PY=3.12} then {@code FROM python:${PY}-slim}).
     */
    public List<Stage> stages() {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        Instruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                if (from != null) {
                    stages.add(stage(stages.size(), from, body, globalArgs));
                }
                from = instruction;
                body = new ArrayList<>();
            } else if (from == null) {
                for (String word : instruction.words()) {
                    int eq = word.indexOf('=');
                    globalArgs.put(eq < 0 ? word : word.substring(0, eq), eq < 0 ? null : word.substring(eq + 1));
                }
            } else {
                body.add(instruction);
            }
        }
        stages.add(stage(stages.size(), from, body, globalArgs));
        return List.copyOf(stages);
    }

    public Stage finalStage() {
        return stages().getLast();
    }

    private static Stage stage(int index, Instruction from, List<Instruction> body, Map<String, String> args) {
        List<String> words = from.words();
        String image = substitute(words.isEmpty() ? "" : words.getFirst(), args);
        Optional<String> alias = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? Optional.of(words.get(2)) : Optional.empty();
        return new Stage(index, from, image, alias, body);
    }

    /** Whether a path is named like a Dockerfile: Dockerfile, Dockerfile.prod, api.dockerfile. */
    public static boolean isDockerfile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        return name.equals("Dockerfile") || lower.endsWith(".dockerfile")
                || (name.startsWith("Dockerfile.") && !lower.matches(".*\\.(md|txt|orig|bak)$"));
    }

    /** Substitutes {@code $NAME}, {@code ${NAME}} and {@code ${NAME:-default}}; an unknown one stays as written. */
    static String substitute(String value, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String replacement = args.get(name);
            if (replacement == null && m.group(2) != null) {
                replacement = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int firstSpace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    /** Shell-like words: whitespace separates, quotes group and are removed, a backslash escapes the next character. */
    static final class Words {
        private Words() {
        }

        static List<String> split(String s) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean inWord = false;
            char quote = 0;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"' && k + 1 < s.length()) {
                        word.append(s.charAt(++k));
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    inWord = true;
                } else if (c == '\\' && k + 1 < s.length()) {
                    word.append(s.charAt(++k));
                    inWord = true;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }
    }

    /** Just enough JSON to read an exec-form array of strings; anything else is the shell form, as in BuildKit. */
    static final class JsonArray {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

        private JsonArray() {
        }

        static Optional<List<String>> strings(String s) {
            try {
                com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(s);
                if (!node.isArray()) {
                    return Optional.empty();
                }
                List<String> out = new ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode element : node) {
                    if (!element.isTextual()) {
                        return Optional.empty();
                    }
                    out.add(element.asText());
                }
                return Optional.of(out);
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                return Optional.empty();
            }
        }
    }
}
