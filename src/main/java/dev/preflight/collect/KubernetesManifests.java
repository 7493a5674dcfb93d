package dev.preflight.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.preflight.collect.LinedYaml.Mapping;
import dev.preflight.collect.LinedYaml.Node;
import dev.preflight.collect.LinedYaml.Scalar;
import dev.preflight.collect.LinedYaml.Sequence;

/**
 * The workloads of a Kubernetes manifest file (one or many YAML documents, or a {@code kind: List}):
 * each workload's pod template and containers, wherever its kind keeps them (a Pod's {@code spec},
 * a Deployment's {@code spec.template.spec}, a CronJob's {@code spec.jobTemplate.spec.template.spec}).
 */
public record KubernetesManifests(List<Workload> workloads) {
    private static final Set<String> TEMPLATED = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    public KubernetesManifests {
        workloads = List.copyOf(workloads);
    }

    /** One workload; {@code line} is where its document's {@code kind:} is. */
    public record Workload(String kind, String name, int line, Mapping spec, Mapping podSpec, List<Container> containers) {
        public Workload {
            containers = List.copyOf(containers);
        }

        /** "Deployment/api", as reports name it. */
        public String describe() {
            return kind + "/" + name;
        }

        /** {@code spec.replicas} as written, for the kinds that have it (1 when a Deployment leaves it out). */
        public Optional<Scalar> replicas() {
            return spec.get("replicas").filter(Scalar.class::isInstance).map(Scalar.class::cast);
        }

        public Optional<Mapping> podSecurityContext() {
            return podSpec.mapping("securityContext");
        }
    }

    /** A container of a pod template; {@code init} for {@code initContainers}, which run to completion and take no probes. */
    public record Container(String name, int line, boolean init, Mapping spec) {
        public Optional<Mapping> probe(String kind) {
            return spec.mapping(kind + "Probe");
        }

        /** {@code resources.requests} or {@code resources.limits}. */
        public Optional<Mapping> resources(String which) {
            return spec.mapping("resources").flatMap(r -> r.mapping(which));
        }

        public Optional<Mapping> securityContext() {
            return spec.mapping("securityContext");
        }

        public Optional<String> image() {
            return spec.text("image");
        }
    }

    public static KubernetesManifests parse(String text) throws CannotParse {
        List<Workload> out = new ArrayList<>();
        for (Node document : LinedYaml.parseAll(text)) {
            collect(document, out);
        }
        return new KubernetesManifests(out);
    }

    private static void collect(Node document, List<Workload> out) {
        if (!(document instanceof Mapping m)) {
            return;
        }
        String kind = m.text("kind").orElse("");
        if (kind.equals("List")) {
            m.sequence("items").ifPresent(items -> items.items().forEach(item -> collect(item, out)));
            return;
        }
        Optional<Mapping> spec = m.mapping("spec");
        Optional<Mapping> podSpec = switch (kind) {
            case "Pod" -> spec;
            case "CronJob" -> spec.flatMap(s -> s.mapping("jobTemplate")).flatMap(j -> j.mapping("spec"))
                    .flatMap(s -> s.mapping("template")).flatMap(t -> t.mapping("spec"));
            default -> TEMPLATED.contains(kind) ? spec.flatMap(s -> s.mapping("template")).flatMap(t -> t.mapping("spec")) : Optional.empty();
        };
        if (podSpec.isEmpty()) {
            return;
        }
        String name = m.mapping("metadata").flatMap(md -> md.text("name")).orElse("(unnamed)");
        List<Container> containers = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            for (Node c : podSpec.get().sequence(list).map(Sequence::items).orElse(List.of())) {
                if (c instanceof Mapping cm) {
                    containers.add(new Container(cm.text("name").orElse("(unnamed)"), cm.line(), list.equals("initContainers"), cm));
                }
            }
        }
        out.add(new Workload(kind, name, m.lineOf("kind"), spec.orElseThrow(), podSpec.get(), containers));
    }

    /**
     * Whether a file is worth parsing as a manifest: YAML with {@code apiVersion:} and {@code kind:}
     * at the start of a line. Helm templates ({{ }}) are not YAML until rendered and are left out.
     */
    public static boolean looksLikeManifest(String path, String text) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return (lower.endsWith(".yaml") || lower.endsWith(".yml")) && !ComposeFile.isComposeFile(path)
                && text.contains("apiVersion:") && text.contains("kind:") && !text.contains("{{");
    }
}
