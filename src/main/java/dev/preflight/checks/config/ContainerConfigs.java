package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.preflight.collect.CannotParse;
import dev.preflight.check.Outcome;
import dev.preflight.collect.ComposeFile;
import dev.preflight.collect.Dockerfile;
import dev.preflight.collect.KubernetesManifests;
import dev.preflight.collect.LinedYaml;
import dev.preflight.collect.RepoSnapshot;

/**
 * The compose files and Kubernetes manifests of a repository, parsed, with those that could not be
 * parsed kept aside so that each check reports them and goes on.
 */
record ContainerConfigs(Map<String, ComposeFile> compose, Map<String, KubernetesManifests> kubernetes,
                        List<Unreadable> unreadable, boolean hasDockerfile) {

    record Unreadable(String path, int line, String description) {
    }

    /** The compose files and manifests, parsed once per run and shared by the container checks. */
    static ContainerConfigs of(RepoSnapshot repo) {
        return repo.derived("container-configs", ContainerConfigs::read);
    }

    private static ContainerConfigs read(RepoSnapshot repo) {
        Map<String, ComposeFile> compose = new LinkedHashMap<>();
        Map<String, KubernetesManifests> kubernetes = new LinkedHashMap<>();
        List<Unreadable> unreadable = new ArrayList<>();
        boolean dockerfile = false;
        for (String path : repo.files()) {
            dockerfile |= Dockerfile.isDockerfile(path);
            boolean isCompose = ComposeFile.isComposeFile(path);
            boolean maybeManifest = !isCompose && (path.endsWith(".yaml") || path.endsWith(".yml"));
            if (!isCompose && !maybeManifest) {
                continue;
            }
            Optional<String> text = repo.read(path);
            if (text.isEmpty()) {
                if (isCompose) {
                    unreadable.add(new Unreadable(path, 0, "cannot read the file (too large, not text or unreadable)"));
                }
                continue;
            }
            try {
                if (isCompose) {
                    compose.put(path, ComposeFile.parse(text.get()));
                } else if (KubernetesManifests.looksLikeManifest(path, text.get())) {
                    KubernetesManifests manifests = KubernetesManifests.parse(text.get());
                    if (!manifests.workloads().isEmpty()) {
                        kubernetes.put(path, manifests);
                    }
                }
            } catch (CannotParse e) {
                unreadable.add(new Unreadable(path, e.line(), e.describe()));
            }
        }
        return new ContainerConfigs(compose, kubernetes, unreadable, dockerfile);
    }

    /** Whether the repository says nothing about how its containers run. */
    boolean isEmpty() {
        return compose.values().stream().allMatch(c -> c.services().isEmpty()) && kubernetes.isEmpty() && unreadable.isEmpty();
    }

    /** Counts the parsed files and reports the others. */
    void countInto(ContainerFindings findings) {
        compose.forEach((path, file) -> findings.read());
        kubernetes.forEach((path, file) -> findings.read());
        unreadable.forEach(u -> findings.unreadable(u.path(), u.line(), u.description()));
    }

    /** "2 compose files and 3 Kubernetes manifests", for summaries. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (!compose.isEmpty()) {
            parts.add(compose.size() == 1 ? compose.keySet().iterator().next() : compose.size() + " compose files");
        }
        if (!kubernetes.isEmpty()) {
            parts.add(kubernetes.size() == 1 ? kubernetes.keySet().iterator().next() : kubernetes.size() + " Kubernetes manifests");
        }
        return parts.isEmpty() ? "the container configs" : String.join(" and ", parts);
    }

    /**
     * The reason to give when there is nothing to check: "not applicable" when the repository
     * has no containers at all, "unverified" when it builds an image but runs it elsewhere.
     */
    Outcome nothingToCheck(RepoSnapshot repo, String what) {
        if (hasDockerfile) {
            return Outcome.unverified("the repository builds a container image but does not say how it runs: " + what
                    + " is set by 'docker run', compose or Kubernetes, and no compose file or Kubernetes manifest is here");
        }
        return Outcome.notApplicable("no docker-compose file or Kubernetes manifest in the repository (stack: "
                + repo.stack().describe() + ")");
    }
}
