package dev.preflight.collect;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * YAML documents as plain trees that remember the 1-based line of every node, so that compose and
 * Kubernetes findings can point at the line. SnakeYAML composes the nodes (aliases resolved, alias
 * bombs refused); merge keys ({@code <<: *defaults}, common in compose files) are applied here,
 * with the mapping's own keys winning.
 */
public final class LinedYaml {
    /** Deeper than any real manifest; a recursive alias would otherwise never end. */
    private static final int MAX_DEPTH = 64;

    private LinedYaml() {
    }

    public sealed interface Node permits Mapping, Sequence, Scalar {
        int line();
    }

    /** A mapping with its entries in file order; keys are the scalar texts. */
    public record Mapping(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
        public Optional<Node> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        public Optional<Mapping> mapping(String key) {
            return get(key).filter(Mapping.class::isInstance).map(Mapping.class::cast);
        }

        public Optional<Sequence> sequence(String key) {
            return get(key).filter(Sequence.class::isInstance).map(Sequence.class::cast);
        }

        /** The scalar text under {@code key}; empty when absent, null or not a scalar. */
        public Optional<String> text(String key) {
            return get(key).filter(Scalar.class::isInstance).map(n -> ((Scalar) n).value());
        }

        /** The line of {@code key} itself, or of this mapping when the key is absent. */
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }
    }

    public record Sequence(List<Node> items, int line) implements Node {
    }

    /** A scalar; {@code value} is null for a YAML null ({@code ~}, {@code null} or nothing). */
    public record Scalar(String value, int line) implements Node {
    }

    /** Every document of a (possibly multi-document) YAML text; empty documents are left out. */
    public static List<Node> parseAll(String text) throws CannotParse {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        List<Node> out = new ArrayList<>();
        try {
            for (org.yaml.snakeyaml.nodes.Node document : new Yaml(options).composeAll(new StringReader(text))) {
                if (document != null) {
                    out.add(convert(document, 0));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new CannotParse(mark == null ? 1 : mark.getLine() + 1, mark == null ? 1 : mark.getColumn() + 1,
                    problem.lines().findFirst().orElse(problem).strip());
        } catch (YAMLException e) {
            throw new CannotParse(1, 1, e.getMessage().lines().findFirst().orElse("not YAML").strip());
        }
        return out;
    }

    private static Node convert(org.yaml.snakeyaml.nodes.Node node, int depth) throws CannotParse {
        int line = node.getStartMark().getLine() + 1;
        if (depth > MAX_DEPTH) {
            throw new CannotParse(line, node.getStartMark().getColumn() + 1, "nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (node) {
            case ScalarNode s -> new Scalar(s.getTag().getValue().endsWith(":null") ? null : s.getValue(), line);
            case SequenceNode s -> {
                List<Node> items = new ArrayList<>();
                for (org.yaml.snakeyaml.nodes.Node item : s.getValue()) {
                    items.add(convert(item, depth + 1));
                }
                yield new Sequence(List.copyOf(items), line);
            }
            case MappingNode m -> mapping(m, line, depth);
            default -> new Scalar(null, line);
        };
    }

    private static Mapping mapping(MappingNode m, int line, int depth) throws CannotParse {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        List<Mapping> merged = new ArrayList<>();
        for (NodeTuple tuple : m.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
            if (key == null) {
                continue;
            }
            Node value = convert(tuple.getValueNode(), depth + 1);
            if (key.equals("<<")) {
                switch (value) {
                    case Mapping base -> merged.add(base);
                    case Sequence bases -> bases.items().stream().filter(Mapping.class::isInstance).map(Mapping.class::cast).forEach(merged::add);
                    default -> { }
                }
                continue;
            }
            entries.put(key, value);
            keyLines.put(key, tuple.getKeyNode().getStartMark().getLine() + 1);
        }
        for (Mapping base : merged) {
            base.entries().forEach(entries::putIfAbsent);
            base.keyLines().forEach(keyLines::putIfAbsent);
        }
        return new Mapping(java.util.Collections.unmodifiableMap(entries), java.util.Collections.unmodifiableMap(keyLines), line);
    }
}
