package dev.preflight.checks.config;

import java.util.Optional;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.KubernetesManifests;
import dev.preflight.collect.KubernetesManifests.Container;
import dev.preflight.collect.KubernetesManifests.Workload;
import dev.preflight.collect.LinedYaml.Mapping;

/**
 * Long-running Kubernetes workloads let the cluster tell a ready pod from a broken one and keep
 * serving through a restart: every app container has a readiness probe and a liveness probe that
 * are not the same probe, and a Deployment runs more than one replica.
 */
@CheckInfo(id = "config.kubernetes-probes", title = "Kubernetes containers have distinct readiness and liveness probes, and Deployments more than one replica",
        target = TargetKind.REPO,
        phrases = {"\\b(kubernetes|k8s) (readiness |liveness )?probes?\\b", "\\breadiness and liveness probes?", "\\bliveness and readiness probes?",
                "\\breplicas?\\b.*\\b(kubernetes|k8s|deployments?)\\b", "\\bmultiple replicas\\b"},
        related = {"kube-score:pod-probes", "kube-score:deployment-replicas", "checkov:CKV_K8S_8", "checkov:CKV_K8S_9"})
public final class KubernetesProbesCheck implements Check {
    private static final Set<String> SERVING = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod");
    private static final String FIX_READY = "Add a readinessProbe that asks whether the app can serve now (e.g. httpGet /health/ready), "
            + "so the Service sends no traffic to a pod that is starting or overloaded.";
    private static final String FIX_LIVE = "Add a livenessProbe that asks only whether the process is stuck (e.g. httpGet /health/live), "
            + "with a longer period and failureThreshold than the readiness probe.";
    private static final String FIX_SAME = "Make the two probes differ: readiness may check dependencies, liveness must not, "
            + "or a database outage restarts every pod at once.";
    private static final String FIX_REPLICAS = "Run at least 'replicas: 2' (with a PodDisruptionBudget) so a rollout or a node drain keeps one pod serving.";

    @Override
    public Outcome run(CheckContext context) {
        ContainerConfigs configs = ContainerConfigs.of(context.repo());
        if (configs.kubernetes().isEmpty() && configs.unreadable().isEmpty()) {
            return Outcome.notApplicable("no Kubernetes manifest in the repository (stack: " + context.repo().stack().describe() + ")");
        }
        ContainerFindings findings = new ContainerFindings();
        configs.kubernetes().forEach((path, manifests) -> findings.read());
        configs.unreadable().forEach(u -> findings.unreadable(u.path(), u.line(), u.description()));
        configs.kubernetes().forEach((path, manifests) -> manifests.workloads().stream()
                .filter(w -> SERVING.contains(w.kind())).forEach(w -> workload(path, w, findings)));
        return findings.outcome(configs.describe(), "every serving container has distinct readiness and liveness probes");
    }

    private static void workload(String path, Workload workload, ContainerFindings findings) {
        if (workload.kind().equals("Deployment")) {
            Optional<String> written = workload.replicas().map(s -> s.value());
            int replicas = written.map(v -> v.matches("\\d+") ? Integer.parseInt(v) : 2).orElse(1);
            int line = written.isPresent() ? workload.spec().lineOf("replicas") : workload.line();
            if (replicas < 2) {
                findings.warn(path, line, workload.describe() + " runs " + replicas + " replica"
                        + (written.isEmpty() ? " (replicas not set)" : ""), FIX_REPLICAS);
            } else {
                findings.ok(path, line, workload.describe() + " runs " + replicas + " replicas");
            }
        }
        for (Container container : workload.containers()) {
            if (container.init()) {
                continue;
            }
            String who = workload.describe() + " container '" + container.name() + "'";
            Optional<Mapping> readiness = container.probe("readiness");
            Optional<Mapping> liveness = container.probe("liveness");
            if (readiness.isEmpty()) {
                findings.fail(path, container.line(), who + " has no readinessProbe", FIX_READY);
            }
            if (liveness.isEmpty()) {
                findings.warn(path, container.line(), who + " has no livenessProbe", FIX_LIVE);
            }
            if (readiness.isPresent() && liveness.isPresent()) {
                if (sameProbe(readiness.get(), liveness.get())) {
                    findings.fail(path, container.spec().lineOf("livenessProbe"), who + " uses the same probe for readiness and liveness", FIX_SAME);
                } else {
                    findings.ok(path, container.spec().lineOf("readinessProbe"), who + " has distinct readiness and liveness probes");
                }
            }
        }
    }

    /** Same settings, wherever they are written: lines differ between two copies, so they are left out. */
    private static boolean sameProbe(Mapping a, Mapping b) {
        return a == b || a.entries().toString().replaceAll("line=\\d+", "").equals(b.entries().toString().replaceAll("line=\\d+", ""));
    }
}
