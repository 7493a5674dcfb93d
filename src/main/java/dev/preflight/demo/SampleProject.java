package dev.preflight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's checklist, sign-offs and repository, unpacked from the jar into a fresh temporary
 * directory so the demo never touches the user's files.
 */
public record SampleProject(Path root, Path checklist, Path repo) {
    /** Listed explicitly: a jar's directories cannot be listed portably. */
    private static final List<String> FILES = List.of(
            "PRODUCTION_CHECKLIST.md", "preflight-attestations.yaml",
            "repo/README.md", "repo/.gitignore", "repo/.env.example", "repo/app.py", "repo/docs/runbook.md");

    public static SampleProject unpack() throws IOException {
        Path root = Files.createTempDirectory("preflight-demo-");
        for (String name : FILES) {
            Path target = root.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = SampleProject.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("demo file " + name + " is missing from the jar");
                }
                Files.copy(in, target);
            }
        }
        Path repo = root.resolve("repo");
        initGit(repo);
        return new SampleProject(root, root.resolve("PRODUCTION_CHECKLIST.md"), repo);
    }

    /** Makes the sample a real git work tree when git is installed, so tracked files are checked too. */
    private static void initGit(Path repo) {
        try {
            Process init = new ProcessBuilder("sh", "-c", "git init -q && git add -A")
                    .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!init.waitFor(10, TimeUnit.SECONDS)) {
                init.destroyForcibly();
            }
        } catch (IOException e) {
            // No git: the env check says it could not look at tracked files.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the unpacked files; the demo's report.html lives elsewhere. */
    public void delete() throws IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
