package dev.preflight.checks.config;

import java.util.Optional;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.ComposeFile;
import dev.preflight.collect.KubernetesManifests;

/**
 * Every long-running container comes back after a crash or a reboot: compose services say
 * {@code restart:} (or {@code deploy.restart_policy}), and Kubernetes workloads run under a
 * controller, which always restarts its pods. systemd units' {@code Restart=} is checked by
 * config.service-units, not here.
 */
@CheckInfo(id = "config.restart-policy", title = "Services restart on failure (compose restart, systemd Restart=)",
        target = TargetKind.REPO,
        phrases = {"restart policy", "restarts? on failure", "\\bRestart=", "auto-?restart"},
        related = {"systemd:Restart", "compose:restart"})
public final class RestartPolicyCheck implements Check {
    private static final Set<String> RESTARTS = Set.of("always", "unless-stopped", "on-failure", "any");
    private static final String FIX_COMPOSE = "Add 'restart: unless-stopped' (or 'on-failure') to each long-running service; "
            + "under swarm, 'deploy: {restart_policy: {condition: on-failure}}'.";
    private static final String FIX_POD = "Run the pod under a Deployment (or StatefulSet): a bare Pod is not recreated when its node fails.";

    @Override
    public Outcome run(CheckContext context) {
        ContainerConfigs configs = ContainerConfigs.of(context.repo());
        if (configs.isEmpty()) {
            return configs.nothingToCheck(context.repo(), "a container's restart policy");
        }
        ContainerFindings findings = new ContainerFindings();
        configs.countInto(findings);
        configs.compose().forEach((path, file) -> file.services().forEach(s -> compose(path, s, findings)));
        configs.kubernetes().forEach((path, manifests) -> manifests.workloads().forEach(w -> kubernetes(path, w, findings)));
        return findings.outcome(configs.describe(), "every service restarts on failure (" + configs.describe() + ")");
    }

    private static void compose(String path, ComposeFile.Service service, ContainerFindings findings) {
        Optional<ComposeFile.Value> restart = service.restart();
        String who = "service '" + service.name() + "'";
        if (restart.isEmpty()) {
            findings.fail(path, service.line(), who + " has no restart policy, so it stays down after a crash or reboot", FIX_COMPOSE);
            return;
        }
        String value = restart.get().value().strip();
        String policy = value.startsWith("on-failure") ? "on-failure" : value;
        if (RESTARTS.contains(policy)) {
            findings.ok(path, restart.get().line(), who + " restart: " + value);
        } else if (policy.equals("no") || policy.equals("none")) {
            // Said on purpose (a one-shot migration job, say), so a weakness to look at rather than a failure.
            findings.warn(path, restart.get().line(), who + " is set never to restart (" + value + ")", FIX_COMPOSE);
        } else {
            findings.fail(path, restart.get().line(), who + " has an unknown restart policy '" + value + "'", FIX_COMPOSE);
        }
    }

    private static void kubernetes(String path, KubernetesManifests.Workload workload, ContainerFindings findings) {
        switch (workload.kind()) {
            case "Pod" -> {
                String policy = workload.podSpec().text("restartPolicy").orElse("Always");
                if (policy.equals("Never")) {
                    findings.fail(path, workload.podSpec().lineOf("restartPolicy"), workload.describe() + " has restartPolicy: Never", FIX_POD);
                } else {
                    findings.warn(path, workload.line(), workload.describe() + " is a bare Pod: its containers restart ("
                            + policy + ") but nothing recreates it when its node goes", FIX_POD);
                }
            }
            case "Job", "CronJob" -> findings.ok(path, workload.line(), workload.describe() + " runs to completion; "
                    + workload.podSpec().text("restartPolicy").map(p -> "restartPolicy " + p).orElse("no restart policy needed"));
            default -> findings.ok(path, workload.line(), workload.describe() + " restarts its pods (controllers always use restartPolicy Always)");
        }
    }
}
