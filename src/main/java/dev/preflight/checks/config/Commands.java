package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.RepoSnapshot;

/**
 * The lines that start the app in production: Dockerfiles, Procfiles, compose files, systemd units,
 * Supervisor configs and shell scripts, leaving out files named for development or tests.
 */
final class Commands {
    private static final Pattern LAUNCHERS = Pattern.compile(
            "(^|/)(Dockerfile[^/]*|[^/]+\\.dockerfile|Procfile|(docker-)?compose[^/]*\\.ya?ml|[^/]+\\.service|[^/]*supervisor[^/]*\\.conf|[^/]+\\.sh)$");

    /** One line of a launcher file, 1-based. */
    record Line(String file, int line, String text) {
    }

    private Commands() {
    }

    /** The launcher lines that match {@code pattern}, comments left out. */
    static List<Line> matching(RepoSnapshot repo, Pattern pattern) {
        List<Line> out = new ArrayList<>();
        for (String f : repo.files()) {
            if (!LAUNCHERS.matcher(f).find() || DeployEnvironment.isDevelopment(f)) {
                continue;
            }
            String[] lines = repo.read(f).orElse("").split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (!l.startsWith("#") && pattern.matcher(l).find()) {
                    out.add(new Line(f, i + 1, l));
                }
            }
        }
        return out;
    }
}
