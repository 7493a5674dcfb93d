package dev.preflight.checks.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.ComposeFile;
import dev.preflight.collect.KubernetesManifests.Container;
import dev.preflight.collect.KubernetesManifests.Workload;
import dev.preflight.collect.LinedYaml.Mapping;
import dev.preflight.text.Mask;

/**
 * How the containers run, beyond their limits: compose services keep secrets out of
 * {@code environment:}, publish database ports on the loopback interface only and declare a
 * healthcheck; Kubernetes containers run as non-root, on a read-only root filesystem, from an
 * image with a tag that is not {@code latest}.
 */
@CheckInfo(id = "config.container-security", title = "Containers run hardened: no literal secrets or open database ports in compose, non-root and pinned images in Kubernetes",
        target = TargetKind.REPO,
        severity = Severity.HIGH,
        phrases = {"\\bcontainer security\\b", "\\bcontainers? (are |is )?hardened\\b", "\\bharden(ed|ing)? (the )?containers?\\b",
                "\\b(secrets?|passwords?|credentials?)\\b.*\\b(docker-)?compose\\b", "\\bcontainers? as non-?root\\b",
                "\\bnon-?root containers?\\b", "runAsNonRoot", "\\bread-?only ?root ?file ?system"},
        related = {"trivy:KSV012", "trivy:KSV014", "trivy:KSV013", "kube-score:container-security-context-user-group-id",
                "kube-score:container-security-context-readonlyrootfilesystem", "kube-score:container-image-tag"})
public final class ContainerSecurityCheck implements Check {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)PASSWORD|PASSWD|SECRET|TOKEN|_KEY$|^KEY$|APIKEY|CREDENTIAL");
    /** Names that point at where a secret is rather than holding it, e.g. POSTGRES_PASSWORD_FILE. */
    private static final Pattern POINTER_NAME = Pattern.compile("(?i).*_(FILE|PATH|DIR)$");
    private static final Pattern NOT_SECRET_VALUE = Pattern.compile("(?i)\\d+|true|false|yes|no|on|off");
    /** Compose interpolation, {@code ${VAR}} or {@code $VAR}; {@code $$} is an escaped dollar. */
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$(\\{|[A-Za-z_])");
    private static final Pattern URL_PASSWORD = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/:@\\s]*:([^@/\\s]+)@");
    private static final Set<String> DATABASE_PORTS = Set.of("5432", "3306", "6379", "27017", "9200");
    private static final Set<String> ALL_INTERFACES = Set.of("", "0.0.0.0", "::");

    private static final String FIX_SECRET = "Keep secrets out of the compose file: reference them ('DB_PASSWORD: ${DB_PASSWORD}', "
            + "set in an untracked .env or the deploy environment) or use compose 'secrets:' with a *_FILE variable.";
    private static final String FIX_PORT = "Publish database ports on the loopback interface only ('127.0.0.1:5432:5432'), "
            + "or not at all: services on the same compose network reach the database by its service name.";
    private static final String FIX_HEALTH = "Give each service a 'healthcheck:' (test, interval, retries) so 'depends_on: condition: service_healthy' "
            + "and restarts act on a service that answers, not one that merely runs.";
    private static final String FIX_ROOT = "Set 'securityContext: {runAsNonRoot: true, runAsUser: 10001}' on the pod or the container.";
    private static final String FIX_READONLY = "Set 'securityContext: {readOnlyRootFilesystem: true}' on the container and mount an emptyDir where it must write (e.g. /tmp).";
    private static final String FIX_TAG = "Reference images by an explicit version tag (api:1.4.2), or better by digest (api@sha256:...), never 'latest'.";

    @Override
    public Outcome run(CheckContext context) {
        ContainerConfigs configs = ContainerConfigs.of(context.repo());
        if (configs.isEmpty()) {
            return configs.nothingToCheck(context.repo(), "how a container runs (user, secrets, published ports)");
        }
        ContainerFindings findings = new ContainerFindings();
        configs.countInto(findings);
        configs.compose().forEach((path, file) -> file.services().forEach(s -> compose(path, s, findings)));
        configs.kubernetes().forEach((path, manifests) -> manifests.workloads().forEach(w ->
                w.containers().forEach(c -> kubernetes(path, w, c, findings))));
        return findings.outcome(configs.describe(), "the containers run hardened (" + configs.describe() + ")");
    }

    private static void compose(String path, ComposeFile.Service service, ContainerFindings findings) {
        String who = "service '" + service.name() + "'";
        for (ComposeFile.Variable variable : service.environment()) {
            secret(path, who, variable, findings);
        }
        for (ComposeFile.Port port : service.ports()) {
            if (!DATABASE_PORTS.contains(port.target())) {
                continue;
            }
            if (ALL_INTERFACES.contains(port.hostIp())) {
                findings.fail(path, port.line(), who + " publishes database port " + port.target() + " on all interfaces ("
                        + port.written() + ")", FIX_PORT);
            } else {
                findings.ok(path, port.line(), who + " publishes database port " + port.target() + " on " + port.hostIp() + " only");
            }
        }
        Optional<Mapping> healthcheck = service.healthcheck();
        if (healthcheck.isEmpty()) {
            findings.warn(path, service.line(), who + " has no healthcheck", FIX_HEALTH);
        } else if (healthcheck.get().text("disable").filter("true"::equalsIgnoreCase).isPresent()) {
            findings.warn(path, healthcheck.get().line(), who + " disables its healthcheck", FIX_HEALTH);
        } else {
            findings.ok(path, service.spec().lineOf("healthcheck"), who + " has a healthcheck");
        }
    }

    private static void secret(String path, String who, ComposeFile.Variable variable, ContainerFindings findings) {
        String value = variable.value();
        if (value == null || value.isBlank() || INTERPOLATION.matcher(value).find()) {
            return;
        }
        Matcher url = URL_PASSWORD.matcher(value);
        if (url.find()) {
            findings.fail(path, variable.line(), who + " sets " + variable.name() + " to a URL with a literal password ("
                    + Mask.in(value, url.group(1)) + ")", FIX_SECRET);
        } else if (SECRET_NAME.matcher(variable.name()).find() && !POINTER_NAME.matcher(variable.name()).matches()
                && !NOT_SECRET_VALUE.matcher(value.strip()).matches()) {
            findings.fail(path, variable.line(), who + " sets " + variable.name() + " to a literal value (" + Mask.secret(value) + ")", FIX_SECRET);
        }
    }

    private static void kubernetes(String path, Workload workload, Container container, ContainerFindings findings) {
        String who = workload.describe() + " container '" + container.name() + "'";
        Optional<Mapping> own = container.securityContext();
        Optional<Mapping> pod = workload.podSecurityContext();
        int contextLine = container.spec().lineOf("securityContext");
        Optional<String> nonRoot = own.flatMap(c -> c.text("runAsNonRoot")).or(() -> pod.flatMap(p -> p.text("runAsNonRoot")));
        Optional<String> user = own.flatMap(c -> c.text("runAsUser")).or(() -> pod.flatMap(p -> p.text("runAsUser")));
        boolean userIsNotRoot = user.filter(u -> u.matches("\\d+") && !u.matches("0+")).isPresent();
        if (nonRoot.filter("true"::equalsIgnoreCase).isPresent() || userIsNotRoot) {
            findings.ok(path, contextLine, who + " runs as non-root");
        } else {
            findings.fail(path, contextLine, who + (nonRoot.isPresent() ? " sets runAsNonRoot: " + nonRoot.get() : " may run as root (no runAsNonRoot)"),
                    FIX_ROOT);
        }
        if (own.flatMap(c -> c.text("readOnlyRootFilesystem")).filter("true"::equalsIgnoreCase).isPresent()) {
            findings.ok(path, own.get().lineOf("readOnlyRootFilesystem"), who + " has a read-only root filesystem");
        } else {
            findings.warn(path, contextLine, who + " has a writable root filesystem (no readOnlyRootFilesystem: true)", FIX_READONLY);
        }
        container.image().ifPresent(image -> {
            int line = container.spec().lineOf("image");
            Optional<String> tag = tag(image);
            if (image.contains("@sha256:")) {
                findings.ok(path, line, who + " image pinned by digest");
            } else if (tag.isEmpty()) {
                findings.fail(path, line, who + " image " + image + " has no tag (pulls latest)", FIX_TAG);
            } else if (tag.get().equals("latest")) {
                findings.fail(path, line, who + " image " + image + " uses the latest tag", FIX_TAG);
            } else {
                findings.ok(path, line, who + " image " + image);
            }
        });
    }

    /** The tag of an image reference; a registry port (registry:5000/api) is not a tag. */
    static Optional<String> tag(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String last = name.substring(name.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(last.substring(colon + 1));
    }
}
