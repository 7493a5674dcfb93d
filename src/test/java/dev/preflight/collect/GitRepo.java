package dev.preflight.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real git repositories in temporary directories, for the checks and collectors that read them. */
public final class GitRepo {
    private GitRepo() {
    }

    /** {@code git init} in {@code dir}, with an identity so that commits work on a bare machine. */
    public static Path init(Path dir) throws IOException, InterruptedException {
        git(dir, "init", "-q", "-b", "main");
        git(dir, "config", "user.email", "test@example.invalid");
        git(dir, "config", "user.name", "Preflight Test");
        git(dir, "config", "commit.gpgsign", "false");
        return dir;
    }

    /** Runs git in {@code dir} and fails loudly, with git's own words, when it does not exit 0. */
    public static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    public static Path write(Path dir, String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
