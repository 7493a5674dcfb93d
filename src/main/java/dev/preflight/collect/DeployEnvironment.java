package dev.preflight.collect;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Every environment variable the repository sets for its deployments, with file and line: the
 * {@code .env*} files, compose services' {@code environment:} (map or list form), Kubernetes
 * containers' {@code env:}, and the entries of Kubernetes Secrets, which pods take in as variables
 * ({@code envFrom}, {@code secretKeyRef}): {@code stringData} as written, {@code data} decoded from
 * base64. A value that refers elsewhere ({@code ${VAR}} in compose or a templated Secret,
 * {@code valueFrom} in Kubernetes) is kept as a reference. Files that cannot be parsed are listed
 * with the reason and the rest is read.
 */
public record DeployEnvironment(List<Setting> settings, List<String> problems) {

    /** One variable set in one file; {@code reference} when the value is taken from somewhere else. */
    public record Setting(String file, int line, String key, String value, boolean reference) {
        public String where() {
            return file + ":" + line;
        }
    }

    private static final Pattern ENV_FILE = Pattern.compile("(^|/)(\\.env(\\.[^/]+)?|[^/]+\\.env)$");
    private static final Pattern TEMPLATE = Pattern.compile("\\.(example|sample|template|dist|defaults?|tpl)$");
    private static final Pattern COMPOSE = Pattern.compile("(^|/)(docker-)?compose([-.\\w]*)?\\.ya?ml$");
    private static final Pattern YAML = Pattern.compile("\\.ya?ml$");
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{?[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?}?$");
    /** Secret types whose entries are certificates, keys or registry credentials rather than settings. */
    private static final Set<String> NOT_SETTINGS = Set.of("kubernetes.io/tls", "kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg",
            "kubernetes.io/ssh-auth", "kubernetes.io/service-account-token", "bootstrap.kubernetes.io/token");
    private static final Pattern DEVELOPMENT = Pattern.compile(
            "(^|[/._-])(dev|devel|development|local|test|tests|testing|ci|debug)([/._-]|$)");

    public DeployEnvironment {
        settings = List.copyOf(settings);
        problems = List.copyOf(problems);
    }

    /** The repository's deployment variables, read once per run and shared by the checks that ask. */
    public static DeployEnvironment of(RepoSnapshot repo) {
        return repo.derived("deploy-environment", DeployEnvironment::read);
    }

    private static DeployEnvironment read(RepoSnapshot repo) {
        List<Setting> settings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String f : repo.files()) {
            if (ENV_FILE.matcher(f).find()) {
                repo.read(f).ifPresent(text -> {
                    DotEnv env = DotEnv.parse(f, text);
                    env.entries().forEach(e -> settings.add(new Setting(f, e.line(), e.key(), e.value(), false)));
                    env.problems().forEach(p -> problems.add(f + ": " + p));
                });
            } else if (YAML.matcher(f).find()) {
                boolean compose = COMPOSE.matcher(f).find();
                repo.read(f).filter(t -> compose || t.contains("kind:")).ifPresent(text -> readYaml(f, text, compose, settings, problems));
            }
        }
        return new DeployEnvironment(settings, problems);
    }

    public List<Setting> of(String key) {
        return settings.stream().filter(s -> s.key().equals(key)).toList();
    }

    /** {@code .env.example} and its kind: committed templates whose values are placeholders by design. */
    public static boolean isTemplate(String file) {
        return TEMPLATE.matcher(file).find();
    }

    /** A file meant for development or tests by its name ({@code .env.dev}, {@code settings/local.py}, {@code compose.test.yml}). */
    public static boolean isDevelopment(String file) {
        return DEVELOPMENT.matcher(file.toLowerCase(Locale.ROOT)).find();
    }

    /** The environment a file configures, by its name: {@code .env.production} → production, {@code .env} → default. */
    public static String environmentOf(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        String stem = name.replaceFirst("\\.ya?ml$", "").replaceFirst("^\\.env\\.?", "").replaceFirst("\\.env$", "")
                .replaceFirst("^(docker-)?compose[-.]?", "");
        return stem.isEmpty() ? "default" : switch (stem) {
            case "prod" -> "production";
            case "stage" -> "staging";
            default -> stem;
        };
    }

    private static void readYaml(String file, String text, boolean compose, List<Setting> out, List<String> problems) {
        try {
            for (Node doc : new Yaml(new LoaderOptions()).composeAll(new StringReader(text))) {
                if (compose) {
                    child(doc, "services").filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                            .ifPresent(services -> services.getValue().forEach(s -> child(s.getValueNode(), "environment")
                                    .ifPresent(env -> composeEnvironment(file, env, out))));
                } else if (text(doc, "kind").filter("Secret"::equals).isPresent()) {
                    secret(file, doc, out, problems);
                } else {
                    kubernetesEnv(file, doc, out);
                }
            }
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            problems.add(file + ": cannot parse at " + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            problems.add(file + ": cannot parse: " + e.getMessage());
        }
    }

    private static void composeEnvironment(String file, Node env, List<Setting> out) {
        if (env instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    String value = t.getValueNode() instanceof ScalarNode v ? v.getValue() : "";
                    out.add(new Setting(file, k.getStartMark().getLine() + 1, k.getValue(), value, REFERENCE.matcher(value).matches()));
                }
            }
        } else if (env instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && s.getValue().contains("=")) {
                    String[] kv = s.getValue().split("=", 2);
                    out.add(new Setting(file, s.getStartMark().getLine() + 1, kv[0].strip(), kv[1], REFERENCE.matcher(kv[1]).matches()));
                }
            }
        }
    }

    /** Every {@code env:} list of name/value pairs anywhere in a manifest: pod specs nest at different depths per kind. */
    private static void kubernetesEnv(String file, Node node, List<Setting> out) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("env") && t.getValueNode() instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        var name = child(item, "name").filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
                        var value = child(item, "value").filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast);
                        if (name.isPresent() && value.isPresent()) {
                            out.add(new Setting(file, value.get().getStartMark().getLine() + 1, name.get(), value.get().getValue(), false));
                        } else if (name.isPresent() && child(item, "valueFrom").isPresent()) {
                            out.add(new Setting(file, item.getStartMark().getLine() + 1, name.get(), "valueFrom", true));
                        }
                    }
                } else {
                    kubernetesEnv(file, t.getValueNode(), out);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> kubernetesEnv(file, n, out));
        }
    }

    /** A Secret's entries: {@code data} values are base64 (binary ones are not settings and are left out), {@code stringData} plain. */
    private static void secret(String file, Node doc, List<Setting> out, List<String> problems) {
        if (text(doc, "type").filter(NOT_SETTINGS::contains).isPresent()) {
            return;
        }
        child(doc, "data").filter(MappingNode.class::isInstance).map(MappingNode.class::cast).ifPresent(data -> {
            for (NodeTuple t : data.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                    int line = k.getStartMark().getLine() + 1;
                    try {
                        decoded(v.getValue()).ifPresent(text -> out.add(new Setting(file, line, k.getValue(), text, false)));
                    } catch (IllegalArgumentException e) {
                        problems.add(file + ":" + line + ": data." + k.getValue() + " is not base64, which Kubernetes rejects");
                    }
                }
            }
        });
        child(doc, "stringData").filter(MappingNode.class::isInstance).map(MappingNode.class::cast).ifPresent(data -> {
            for (NodeTuple t : data.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                    out.add(new Setting(file, k.getStartMark().getLine() + 1, k.getValue(), v.getValue(), REFERENCE.matcher(v.getValue()).matches()));
                }
            }
        });
    }

    /** The text a base64 value holds; empty for bytes that are not UTF-8 text (a keystore, an image). */
    private static Optional<String> decoded(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(Node node, String key) {
        return child(node, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    private static Optional<Node> child(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(t.getValueNode());
                }
            }
        }
        return Optional.empty();
    }
}
