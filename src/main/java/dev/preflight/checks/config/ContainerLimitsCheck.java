package dev.preflight.checks.config;

import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.ComposeFile;
import dev.preflight.collect.KubernetesManifests;
import dev.preflight.collect.LinedYaml.Mapping;

/**
 * Every compose service and every Kubernetes container declares how much memory and CPU it may
 * take. A missing memory limit fails (one leaking container takes the host's memory and the OOM
 * killer picks a victim); a missing CPU limit only warns, since CPU is throttled rather than
 * exhausted. Kubernetes containers also need requests, which the scheduler places pods by.
 */
@CheckInfo(id = "config.container-limits", title = "Containers declare memory and CPU limits", target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"resource limits", "container resources", "\\b(memory|cpu) limits", "requests and limits"},
        related = {"kube-score:container-resources", "trivy:KSV011", "trivy:KSV018"})
public final class ContainerLimitsCheck implements Check {
    private static final String FIX_COMPOSE = "Give each service limits, e.g. 'deploy: {resources: {limits: {memory: 512M, cpus: \"1.0\"}}}' "
            + "(or 'mem_limit: 512m' and 'cpus: 1.0').";
    private static final String FIX_K8S = "Give each container 'resources: {requests: {cpu: 250m, memory: 256Mi}, limits: {memory: 512Mi}}' "
            + "(add a cpu limit too if the node is shared with latency-sensitive work).";

    @Override
    public Outcome run(CheckContext context) {
        ContainerConfigs configs = ContainerConfigs.of(context.repo());
        if (configs.isEmpty()) {
            return configs.nothingToCheck(context.repo(), "a container's memory and CPU limit");
        }
        ContainerFindings findings = new ContainerFindings();
        configs.countInto(findings);
        configs.compose().forEach((path, file) -> file.services().forEach(s -> compose(path, s, findings)));
        configs.kubernetes().forEach((path, manifests) -> manifests.workloads().forEach(w ->
                w.containers().forEach(c -> kubernetes(path, w, c, findings))));
        return findings.outcome(configs.describe(), "every container has a memory and a CPU limit (" + configs.describe() + ")");
    }

    private static void compose(String path, ComposeFile.Service service, ContainerFindings findings) {
        Optional<ComposeFile.Value> memory = service.memoryLimit();
        Optional<ComposeFile.Value> cpus = service.cpuLimit();
        if (memory.isEmpty()) {
            findings.fail(path, service.line(), "service '" + service.name() + "' has no memory limit", FIX_COMPOSE);
        } else {
            findings.ok(path, memory.get().line(), "service '" + service.name() + "' memory limit " + memory.get().value());
        }
        if (cpus.isEmpty()) {
            findings.warn(path, service.line(), "service '" + service.name() + "' has no CPU limit", FIX_COMPOSE);
        } else {
            findings.ok(path, cpus.get().line(), "service '" + service.name() + "' CPU limit " + cpus.get().value());
        }
    }

    private static void kubernetes(String path, KubernetesManifests.Workload workload, KubernetesManifests.Container container,
                                   ContainerFindings findings) {
        String who = workload.describe() + " container '" + container.name() + "'";
        Optional<Mapping> limits = container.resources("limits");
        Optional<Mapping> requests = container.resources("requests");
        int line = container.spec().lineOf("resources");
        Optional<String> memoryLimit = limits.flatMap(l -> l.text("memory"));
        if (memoryLimit.isEmpty()) {
            findings.fail(path, line, who + " has no memory limit", FIX_K8S);
        } else {
            findings.ok(path, limits.get().lineOf("memory"), who + " memory limit " + memoryLimit.get());
        }
        for (String resource : new String[] {"cpu", "memory"}) {
            if (requests.flatMap(r -> r.text(resource)).isEmpty()) {
                findings.fail(path, line, who + " has no " + resource + " request", FIX_K8S);
            }
        }
        if (limits.flatMap(l -> l.text("cpu")).isEmpty()) {
            findings.warn(path, line, who + " has no CPU limit", FIX_K8S);
        }
    }
}
