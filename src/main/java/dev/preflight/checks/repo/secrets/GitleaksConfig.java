package dev.preflight.checks.repo.secrets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import dev.preflight.collect.CannotParse;
import dev.preflight.collect.RepoSnapshot;

/**
 * A project's {@code .gitleaks.toml}, read with gitleaks' own semantics: with {@code [extend]
 * useDefault = true} its rules are added to the built-in ones ({@code disabledRules} drops
 * built-ins), and a rule with a built-in's id extends that rule: the fields it sets replace the
 * built-in's, its keywords and allowlists are added to them. Without {@code [extend]} its rules are
 * the only rules. Both {@code [allowlist]} and {@code [[allowlists]]}, global and per rule, are read.
 *
 * @param rules    the rules a scan runs
 * @param problems what could not be used, each one line ("rule 'x': regex does not compile: ...")
 */
public record GitleaksConfig(List<Rule> rules, List<Allowlist> allowlists, boolean extendsDefaults, List<String> problems) {

    private static final TomlMapper TOML = new TomlMapper();
    private static final List<String> REGEX_TARGETS = List.of("secret", "match", "line");

    public static final String FILE = ".gitleaks.toml";

    /** No config file: the built-in rules. */
    public static final GitleaksConfig DEFAULT = new GitleaksConfig(DefaultRules.rules(), List.of(), true, List.of());

    /** The repository's own config, or the built-in rules when it has none. */
    public static GitleaksConfig of(RepoSnapshot repo) throws CannotParse {
        Optional<String> text = repo.read(FILE);
        return text.isEmpty() ? DEFAULT : parse(text.get());
    }

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
        Map<String, Rule> rules = new LinkedHashMap<>();
        Set<String> builtIn = new HashSet<>();
        if (extendsDefaults) {
            List<String> disabled = strings(extend.path("disabledRules"));
            for (Rule rule : DefaultRules.rules()) {
                if (!disabled.contains(rule.id())) {
                    rules.put(rule.id(), rule);
                    builtIn.add(rule.id());
                }
            }
        }
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText("");
            if (id.isEmpty()) {
                problems.add("rule '(no id)': has no id, ignored");
                continue;
            }
            rule(r, id, builtIn.contains(id) ? rules.get(id) : null, problems).ifPresent(rule -> rules.put(id, rule));
        }
        List<Allowlist> global = globalAllowlists(root, rules, problems);
        return new GitleaksConfig(List.copyOf(rules.values()), global, extendsDefaults, problems);
    }

    public RuleSet ruleSet() {
        return new RuleSet(rules, allowlists);
    }

    /** One {@code [[rules]]} table; {@code base} is the built-in rule it extends, or null. */
    private static Optional<Rule> rule(JsonNode r, String id, Rule base, List<String> problems) {
        String where = "rule '" + id + "'";
        try {
            Pattern regex = r.hasNonNull("regex") ? Pattern.compile(r.path("regex").asText()) : base == null ? null : base.regex();
            if (regex == null) {
                problems.add(where + ": has no regex (path-only rules are not supported), ignored");
                return Optional.empty();
            }
            int secretGroup = r.path("secretGroup").asInt(base == null ? 0 : base.secretGroup());
            if (secretGroup > regex.groupCount()) {
                problems.add(where + ": secretGroup " + secretGroup + ", but the regex has " + regex.groupCount() + " group"
                        + (regex.groupCount() == 1 ? "" : "s") + "; ignored");
                return Optional.empty();
            }
            Pattern path = r.hasNonNull("path") ? Pattern.compile(r.path("path").asText()) : base == null ? null : base.path();
            List<String> keywords = new ArrayList<>(base == null ? List.of() : base.keywords());
            keywords.addAll(strings(r.path("keywords")));
            List<Allowlist> allowlists = new ArrayList<>(base == null ? List.of() : base.allowlists());
            allowlists.addAll(allowlists(r, where, problems));
            // A built-in's line test was written for the built-in's regex: a regex of the project's own goes without it.
            Predicate<String> precondition = base != null && !r.hasNonNull("regex") ? base.precondition() : null;
            return Optional.of(new Rule(id, r.path("description").asText(base == null ? id : base.description()), regex, secretGroup,
                    r.path("entropy").asDouble(base == null ? 0 : base.entropy()), keywords, path, allowlists,
                    base != null && base.multiline(), precondition));
        } catch (PatternSyntaxException e) {
            problems.add(where + ": regex does not compile: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Both spellings: the single {@code allowlist} table (gitleaks up to 8.24) and the {@code allowlists} array. */
    private static List<JsonNode> allowlistTables(JsonNode owner) {
        List<JsonNode> tables = new ArrayList<>();
        if (owner.path("allowlist").isObject()) {
            tables.add(owner.path("allowlist"));
        }
        owner.path("allowlists").forEach(tables::add);
        return tables;
    }

    private static List<Allowlist> allowlists(JsonNode owner, String where, List<String> problems) {
        List<Allowlist> out = new ArrayList<>();
        allowlistTables(owner).forEach(table -> allowlist(table, where, problems).ifPresent(out::add));
        return out;
    }

    /**
     * The global allowlists. One with {@code targetRules} (gitleaks 8.25) is added to those rules
     * instead: it is not global.
     */
    private static List<Allowlist> globalAllowlists(JsonNode root, Map<String, Rule> rules, List<String> problems) {
        List<Allowlist> global = new ArrayList<>();
        for (JsonNode table : allowlistTables(root)) {
            Optional<Allowlist> allowlist = allowlist(table, "global", problems);
            List<String> targets = strings(table.path("targetRules"));
            if (allowlist.isEmpty() || targets.isEmpty()) {
                allowlist.ifPresent(global::add);
                continue;
            }
            for (String target : targets) {
                Rule rule = rules.get(target);
                if (rule == null) {
                    problems.add("global allowlist: targetRules names '" + target + "', which is not a rule here");
                } else {
                    rules.put(target, rule.withAllowlist(allowlist.get()));
                }
            }
        }
        return global;
    }

    private static Optional<Allowlist> allowlist(JsonNode table, String where, List<String> problems) {
        String target = table.path("regexTarget").asText("secret");
        if (!REGEX_TARGETS.contains(target)) {
            problems.add(where + " allowlist: regexTarget '" + target + "' is not one of " + String.join(", ", REGEX_TARGETS)
                    + "; ignored");
            return Optional.empty();
        }
        Allowlist.Condition condition = table.path("condition").asText("OR").equalsIgnoreCase("AND") ? Allowlist.Condition.AND
                : Allowlist.Condition.OR;
        try {
            return Optional.of(new Allowlist(table.path("description").asText(""), condition, patterns(table.path("paths")),
                    patterns(table.path("regexes")), target, strings(table.path("stopwords")),
                    strings(table.path("commits"))));
        } catch (PatternSyntaxException e) {
            problems.add(where + " allowlist: regex does not compile: " + e.getMessage());
            return Optional.empty();
        }
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
