package dev.preflight.checks.repo.secrets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import dev.preflight.collect.CannotParse;

/**
 * A project's {@code .gitleaks.toml}, read with gitleaks' own semantics: with {@code [extend]
 * useDefault = true} its rules are added to the built-in ones (a rule with a built-in's id replaces
 * it, {@code disabledRules} drops built-ins); without {@code [extend]} its rules are the only rules.
 * Both {@code [allowlist]} and {@code [[allowlists]]}, global and per rule, are read.
 *
 * @param problems what could not be used, each one line ("rule 'x': regex does not compile: ...")
 */
public record GitleaksConfig(List<Rule> rules, List<Allowlist> allowlists, boolean extendsDefaults,
        List<String> disabledRules, List<String> problems) {

    private static final TomlMapper TOML = new TomlMapper();

    /** No config file: the built-in rules. */
    public static final GitleaksConfig DEFAULT = new GitleaksConfig(List.of(), List.of(), true, List.of(), List.of());

    /** The config's text; a file that is not TOML throws, with the line and column where it stopped. */
    public static GitleaksConfig parse(String toml) throws CannotParse {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new CannotParse(at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            root = TOML.createObjectNode();
        }
        List<String> problems = new ArrayList<>();
        JsonNode extend = root.path("extend");
        boolean extendsDefaults = extend.path("useDefault").asBoolean(false);
        if (extend.has("path") || extend.has("url")) {
            problems.add("[extend] path/url is not followed: only useDefault extends the built-in rules");
        }
        List<String> disabled = strings(extend.path("disabledRules"));
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            rule(r, problems).ifPresent(rules::add);
        }
        return new GitleaksConfig(rules, allowlists(root, "global", problems), extendsDefaults, disabled, problems);
    }

    /** The rules a scan runs: the project's alone, or the built-ins extended by them. */
    public List<Rule> effectiveRules() {
        if (!extendsDefaults) {
            return rules;
        }
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule builtIn : DefaultRules.rules()) {
            if (!disabledRules.contains(builtIn.id())) {
                byId.put(builtIn.id(), builtIn);
            }
        }
        for (Rule own : rules) {
            byId.put(own.id(), own);
        }
        return List.copyOf(byId.values());
    }

    private static java.util.Optional<Rule> rule(JsonNode r, List<String> problems) {
        String id = r.path("id").asText("");
        String where = "rule '" + (id.isEmpty() ? "(no id)" : id) + "'";
        if (id.isEmpty()) {
            problems.add(where + ": has no id, ignored");
            return java.util.Optional.empty();
        }
        if (!r.hasNonNull("regex")) {
            problems.add(where + ": has no regex (path-only rules are not supported), ignored");
            return java.util.Optional.empty();
        }
        try {
            Pattern regex = Pattern.compile(r.path("regex").asText());
            Pattern path = r.hasNonNull("path") ? Pattern.compile(r.path("path").asText()) : null;
            return java.util.Optional.of(new Rule(id, r.path("description").asText(id), regex, r.path("secretGroup").asInt(0),
                    r.path("entropy").asDouble(0), strings(r.path("keywords")), path, allowlists(r, where, problems), false, null));
        } catch (PatternSyntaxException e) {
            problems.add(where + ": regex does not compile: " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** Both spellings: the single {@code allowlist} table (gitleaks up to 8.24) and the {@code allowlists} array. */
    private static List<Allowlist> allowlists(JsonNode owner, String where, List<String> problems) {
        List<JsonNode> tables = new ArrayList<>();
        if (owner.path("allowlist").isObject()) {
            tables.add(owner.path("allowlist"));
        }
        owner.path("allowlists").forEach(tables::add);
        List<Allowlist> out = new ArrayList<>();
        for (JsonNode a : tables) {
            if (a.path("condition").asText("OR").equalsIgnoreCase("AND")) {
                problems.add(where + " allowlist: condition AND is read as OR (any part allows)");
            }
            try {
                out.add(new Allowlist(a.path("description").asText(""), patterns(a.path("paths")), patterns(a.path("regexes")),
                        a.path("regexTarget").asText("secret"), strings(a.path("stopwords")), strings(a.path("commits"))));
            } catch (PatternSyntaxException e) {
                problems.add(where + " allowlist: regex does not compile: " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Pattern> patterns(JsonNode array) {
        return strings(array).stream().map(Pattern::compile).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
