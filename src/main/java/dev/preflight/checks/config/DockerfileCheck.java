package dev.preflight.checks.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.collect.CannotParse;
import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.Dockerfile;
import dev.preflight.collect.Dockerfile.Instruction;
import dev.preflight.collect.Dockerfile.Stage;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.text.Mask;

/**
 * Every Dockerfile of the repository builds an image fit to run in production: the final stage
 * runs as a non-root user, base images are pinned (a digest best, a tag other than latest at
 * least), it declares a HEALTHCHECK, it copies with COPY (ADD only for what only ADD does), no
 * secret is baked into ENV or ARG, and CMD/ENTRYPOINT use the exec form so signals reach the app.
 */
@CheckInfo(id = "config.dockerfile", title = "Dockerfile runs as non-root, pins its base image and has a HEALTHCHECK",
        target = TargetKind.REPO,
        phrases = {"dockerfile", "\\bdocker (support|image)", "container image"},
        related = {"hadolint:DL3002", "hadolint:DL3007", "hadolint:DL3020", "trivy:DS002", "trivy:DS026"})
public final class DockerfileCheck implements Check {
    static final Pattern SECRET_NAME = Pattern.compile("(?i)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|_KEY$|^KEY$|CREDENTIALS?)");
    private static final Pattern NOT_A_SECRET = Pattern.compile("(?i)(_FILE|_PATH|_DIR|_NAME|_ID|PUBLIC|_URL|_HEADER)$");
    private static final Pattern ARCHIVE = Pattern.compile("(?i)\\.(tar|tar\\.gz|tgz|tar\\.bz2|tbz2?|tar\\.xz|txz|tar\\.zst)$");
    private static final Pattern URL = Pattern.compile("(?i)^(https?|ftp)://|^git@");

    private static final String FIX_USER = "Create an unprivileged user and switch to it in the final stage: "
            + "'RUN useradd --system --uid 10001 app' then 'USER app' (or 'USER 10001').";
    private static final String FIX_TAG = "Pin each base image to a version tag, better to a digest: "
            + "'FROM python:3.12-slim@sha256:<digest>' ('docker buildx imagetools inspect python:3.12-slim' prints it).";
    private static final String FIX_HEALTH = "Add a HEALTHCHECK to the final stage, e.g. "
            + "'HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/health || exit 1'.";
    private static final String FIX_ADD = "Use COPY for local files; ADD only extracts archives and fetches URLs.";
    private static final String FIX_ADD_URL = "Download with 'RUN curl -fsSLO URL && echo \"<sha256>  file\" | sha256sum -c -', "
            + "or give ADD the checksum: 'ADD --checksum=sha256:<digest> URL dest'.";
    private static final String FIX_SECRET = "Do not bake secrets into the image: pass them at run time (environment of the "
            + "orchestrator, mounted files) or at build time with 'RUN --mount=type=secret,id=...'; rotate the exposed value.";
    private static final String FIX_EXEC = "Use the exec form so the app is PID 1 and receives SIGTERM: "
            + "'CMD [\"gunicorn\", \"app:app\"]' rather than 'CMD gunicorn app:app'.";

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<String> files = repo.files().stream().filter(Dockerfile::isDockerfile).toList();
        if (files.isEmpty()) {
            return Outcome.notApplicable("no Dockerfile in the repository (stack: " + repo.stack().describe() + ")");
        }
        ContainerFindings findings = new ContainerFindings();
        for (String path : files) {
            Optional<String> text = repo.read(path);
            if (text.isEmpty()) {
                findings.unreadable(path, 0, "cannot read the file (too large, not text or unreadable)");
                continue;
            }
            try {
                Dockerfile dockerfile = Dockerfile.parse(text.get());
                findings.read();
                inspect(path, dockerfile, findings);
            } catch (CannotParse e) {
                findings.unreadable(path, e.line(), e.describe());
            }
        }
        String what = files.size() == 1 ? files.getFirst() : files.size() + " Dockerfiles";
        return findings.outcome(what, (files.size() == 1 ? files.getFirst() : files.size() + " Dockerfiles")
                + ": non-root final stage, pinned base images, HEALTHCHECK, COPY, no baked-in secrets, exec-form start command");
    }

    private static void inspect(String path, Dockerfile dockerfile, ContainerFindings findings) {
        List<Stage> stages = dockerfile.stages();
        Map<String, Stage> byAlias = new HashMap<>();
        for (Stage stage : stages) {
            baseImage(path, stage, byAlias, findings);
            stage.alias().ifPresent(a -> byAlias.put(a.toLowerCase(Locale.ROOT), stage));
            for (Instruction add : stage.all("ADD")) {
                add(path, add, findings);
            }
        }
        for (Instruction instruction : dockerfile.instructions()) {
            if (instruction.keyword().equals("ENV") || instruction.keyword().equals("ARG")) {
                secrets(path, instruction, findings);
            }
        }
        Stage last = stages.getLast();
        user(path, last, byAlias, findings);
        healthcheck(path, last, byAlias, findings);
        for (String keyword : List.of("ENTRYPOINT", "CMD")) {
            inherited(last, keyword, byAlias).ifPresent(i -> {
                if (i.execForm().isPresent()) {
                    findings.ok(path, i.line(), keyword + " uses the exec form");
                } else {
                    findings.warn(path, i.line(), keyword + " uses the shell form (/bin/sh -c does not pass SIGTERM on to the app): "
                            + excerpt(i), FIX_EXEC);
                }
            });
        }
    }

    private static void baseImage(String path, Stage stage, Map<String, Stage> byAlias, ContainerFindings findings) {
        String image = stage.image();
        int line = stage.from().line();
        if (byAlias.containsKey(image.toLowerCase(Locale.ROOT)) || image.equalsIgnoreCase("scratch")) {
            return;
        }
        if (image.contains("@sha256:")) {
            findings.ok(path, line, "base image " + image + " is pinned by digest (the best pin: the bytes cannot change)");
        } else if (image.contains("$")) {
            findings.warn(path, line, "base image " + image + " comes from a build argument without a default; its tag cannot be checked",
                    "Give the build argument a pinned default: 'ARG BASE=python:3.12-slim' before the FROM.");
        } else {
            Optional<String> tag = tag(image);
            if (tag.isEmpty()) {
                findings.fail(path, line, "base image " + image + " has no tag, so it means " + image + ":latest", FIX_TAG);
            } else if (tag.get().equals("latest")) {
                findings.fail(path, line, "base image " + image + " uses the 'latest' tag", FIX_TAG);
            } else {
                findings.ok(path, line, "base image " + image + " is pinned by tag (a digest would pin it exactly)");
            }
        }
    }

    /** The tag of an image reference: after the last ':' of its last path part, so a registry port is not a tag. */
    static Optional<String> tag(String image) {
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastPart.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(lastPart.substring(colon + 1));
    }

    private static void user(String path, Stage last, Map<String, Stage> byAlias, ContainerFindings findings) {
        Optional<Instruction> user = inherited(last, "USER", byAlias);
        if (user.isEmpty()) {
            Stage root = origin(last, byAlias);
            if (root.image().contains("nonroot")) {
                findings.ok(path, root.from().line(), "the final stage inherits the non-root user of " + root.image());
            } else {
                findings.fail(path, last.from().line(), "the final stage has no USER, so the container runs as root", FIX_USER);
            }
            return;
        }
        String name = user.get().words().isEmpty() ? "" : user.get().words().getFirst();
        String who = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        if (who.equals("root") || who.equals("0")) {
            findings.fail(path, user.get().line(), "the final stage runs as root: " + excerpt(user.get()), FIX_USER);
        } else {
            findings.ok(path, user.get().line(), "the final stage runs as " + name);
        }
    }

    private static void healthcheck(String path, Stage last, Map<String, Stage> byAlias, ContainerFindings findings) {
        Optional<Instruction> health = inherited(last, "HEALTHCHECK", byAlias);
        if (health.isEmpty()) {
            findings.warn(path, last.from().line(), "the final stage declares no HEALTHCHECK", FIX_HEALTH);
        } else if (health.get().arguments().strip().equalsIgnoreCase("NONE")) {
            findings.warn(path, health.get().line(), "HEALTHCHECK NONE turns off the base image's health check", FIX_HEALTH);
        } else {
            findings.ok(path, health.get().line(), "HEALTHCHECK is declared");
        }
    }

    private static void add(String path, Instruction add, ContainerFindings findings) {
        List<String> words = add.words();
        List<String> sources = words.size() > 1 ? words.subList(0, words.size() - 1) : words;
        for (String source : sources) {
            if (URL.matcher(source).find()) {
                if (add.flags().containsKey("checksum")) {
                    findings.ok(path, add.line(), "ADD of " + source + " is verified by --checksum");
                } else {
                    findings.fail(path, add.line(), "ADD downloads " + source + " without verifying a checksum", FIX_ADD_URL);
                }
            } else if (ARCHIVE.matcher(source).find()) {
                findings.ok(path, add.line(), "ADD extracts the archive " + source + " (the one thing COPY cannot do)");
            } else {
                findings.warn(path, add.line(), "ADD copies the local file " + source + "; COPY says what it does", FIX_ADD);
            }
        }
    }

    private static void secrets(String path, Instruction instruction, ContainerFindings findings) {
        List<String> words = instruction.words();
        if (words.isEmpty()) {
            return;
        }
        if (instruction.keyword().equals("ENV") && !words.getFirst().contains("=")) {
            // The legacy form "ENV NAME value with spaces": one variable, the rest of the line is its value.
            String name = words.getFirst();
            secret(path, instruction, name, String.join(" ", words.subList(1, words.size())), findings);
            return;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                secret(path, instruction, word.substring(0, eq), word.substring(eq + 1), findings);
            }
        }
    }

    private static void secret(String path, Instruction instruction, String name, String value, ContainerFindings findings) {
        if (!SECRET_NAME.matcher(name).find() || NOT_A_SECRET.matcher(name).find() || value.isBlank() || value.startsWith("$")) {
            return;
        }
        findings.fail(path, instruction.line(), instruction.keyword() + " " + name + "=" + Mask.secret(value)
                + " bakes a secret into the image (every layer and 'docker history' keep it)", FIX_SECRET);
    }

    /** The last {@code keyword} of a stage, or of the stage it is built FROM, as Docker inherits it. */
    private static Optional<Instruction> inherited(Stage stage, String keyword, Map<String, Stage> byAlias) {
        Stage current = stage;
        for (int hops = 0; current != null && hops < 64; hops++) {
            Optional<Instruction> found = current.last(keyword);
            if (found.isPresent()) {
                return found;
            }
            current = byAlias.get(current.image().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** The stage whose FROM names an external image, following stage aliases. */
    private static Stage origin(Stage stage, Map<String, Stage> byAlias) {
        Stage current = stage;
        for (int hops = 0; hops < 64 && byAlias.containsKey(current.image().toLowerCase(Locale.ROOT)); hops++) {
            current = byAlias.get(current.image().toLowerCase(Locale.ROOT));
        }
        return current;
    }

    private static String excerpt(Instruction instruction) {
        String text = instruction.text();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
