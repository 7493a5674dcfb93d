package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.preflight.collect.LinedYaml.Mapping;
import dev.preflight.collect.LinedYaml.Node;
import dev.preflight.collect.LinedYaml.Scalar;
import dev.preflight.collect.LinedYaml.Sequence;

/**
 * A Docker Compose file's services, read with the Compose specification's two spellings of most
 * settings: {@code mem_limit}/{@code cpus} or {@code deploy.resources.limits}, {@code restart} or
 * {@code deploy.restart_policy}, {@code environment} as a mapping or a list, ports in the short
 * ({@code "127.0.0.1:5432:5432"}) or the long syntax.
 */
public record ComposeFile(List<Service> services) {
    public ComposeFile {
        services = List.copyOf(services);
    }

    /** A setting's value and the 1-based line it is on. */
    public record Value(String value, int line) {
    }

    /** One entry of {@code environment:}; {@code value} is null when the variable is passed through from the host. */
    public record Variable(String name, String value, int line) {
    }

    /** One published port; {@code hostIp} is empty when the port is published on every interface. */
    public record Port(String hostIp, String published, String target, int line, String written) {
    }

    public record Service(String name, int line, Mapping spec) {
        public Optional<Value> memoryLimit() {
            return limit("memory").or(() -> value(spec, "mem_limit"));
        }

        public Optional<Value> cpuLimit() {
            return limit("cpus").or(() -> value(spec, "cpus"));
        }

        private Optional<Value> limit(String key) {
            return spec.mapping("deploy").flatMap(d -> d.mapping("resources")).flatMap(r -> r.mapping("limits"))
                    .flatMap(l -> value(l, key));
        }

        /**
         * The restart policy: {@code restart:} or {@code deploy.restart_policy.condition} (which
         * defaults to {@code any} when the block is there without a condition).
         */
        public Optional<Value> restart() {
            Optional<Value> plain = value(spec, "restart");
            if (plain.isPresent()) {
                return plain;
            }
            return spec.mapping("deploy").flatMap(d -> d.mapping("restart_policy"))
                    .map(p -> value(p, "condition").orElse(new Value("any", p.line())));
        }

        public Optional<Mapping> healthcheck() {
            return spec.mapping("healthcheck");
        }

        public boolean builds() {
            return spec.get("build").isPresent();
        }

        public Optional<Value> image() {
            return value(spec, "image");
        }

        public List<Variable> environment() {
            List<Variable> out = new ArrayList<>();
            switch (spec.get("environment").orElse(null)) {
                case Mapping m -> m.entries().forEach((k, v) ->
                        out.add(new Variable(k, v instanceof Scalar s ? s.value() : null, m.lineOf(k))));
                case Sequence s -> {
                    for (Node item : s.items()) {
                        if (item instanceof Scalar(String text, int line) && text != null) {
                            int eq = text.indexOf('=');
                            out.add(new Variable(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1), line));
                        }
                    }
                }
                case null, default -> { }
            }
            return out;
        }

        public List<Port> ports() {
            List<Port> out = new ArrayList<>();
            for (Node item : spec.sequence("ports").map(Sequence::items).orElse(List.of())) {
                switch (item) {
                    case Scalar(String text, int line) when text != null -> out.add(shortPort(text, line));
                    case Mapping m -> out.add(new Port(m.text("host_ip").orElse(""), m.text("published").orElse(""),
                            m.text("target").orElse(""), m.line(), "target: " + m.text("target").orElse("?")
                                    + m.text("published").map(p -> ", published: " + p).orElse("")));
                    default -> { }
                }
            }
            return out;
        }
    }

    /** The services of a compose file; a file without {@code services:} (an override fragment) has none. */
    public static ComposeFile parse(String text) throws CannotParse {
        List<Node> documents = LinedYaml.parseAll(text);
        List<Service> services = new ArrayList<>();
        if (!documents.isEmpty() && documents.getFirst() instanceof Mapping root) {
            root.mapping("services").ifPresent(s -> {
                for (Map.Entry<String, Node> e : s.entries().entrySet()) {
                    if (e.getValue() instanceof Mapping spec) {
                        services.add(new Service(e.getKey(), s.lineOf(e.getKey()), spec));
                    }
                }
            });
        }
        return new ComposeFile(services);
    }

    /** Whether a path is named like a compose file: compose.yaml, docker-compose.prod.yml, ... */
    public static boolean isComposeFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return name.matches("(docker-)?compose([-.][\\w.-]+)?\\.ya?ml");
    }

    /**
     * {@code [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]}, the IP possibly in brackets. A port with no
     * published part ("8000") gets a random host port, on every interface.
     */
    static Port shortPort(String text, int line) {
        String rest = text.strip().replaceFirst("/\\w+$", "");
        String ip = "";
        if (rest.startsWith("[") && rest.contains("]:")) {
            ip = rest.substring(1, rest.indexOf("]:"));
            rest = rest.substring(rest.indexOf("]:") + 2);
        }
        List<String> parts = List.of(rest.split(":", -1));
        String target = parts.getLast();
        String published = parts.size() >= 2 ? parts.get(parts.size() - 2) : "";
        if (parts.size() >= 3) {
            ip = String.join(":", parts.subList(0, parts.size() - 2));
        }
        return new Port(ip, published, target, line, text);
    }

    private static Optional<Value> value(Mapping m, String key) {
        return m.get(key).filter(Scalar.class::isInstance).map(Scalar.class::cast)
                .filter(s -> s.value() != null).map(s -> new Value(s.value(), m.lineOf(key)));
    }
}
