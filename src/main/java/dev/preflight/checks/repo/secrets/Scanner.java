package dev.preflight.checks.repo.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.preflight.collect.RepoSnapshot;

/**
 * Runs a rule set over every file of a repository that could hold a committed secret, and says which
 * files it did not read and why. Files are read here rather than through {@link RepoSnapshot#read},
 * which keeps what it reads for the other checks: a scan of a large tree must not hold the tree in memory.
 */
public final class Scanner {
    /** Larger files are generated data or dumps, not code; they are reported as skipped. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int SNIFF_BYTES = 8 * 1024;
    private static final Pattern LOCKFILE = Pattern.compile("(^|/)(package-lock\\.json|npm-shrinkwrap\\.json|yarn\\.lock"
            + "|pnpm-lock\\.yaml|bun\\.lockb?|poetry\\.lock|Pipfile\\.lock|pdm\\.lock|uv\\.lock|go\\.sum|Cargo\\.lock"
            + "|composer\\.lock|Gemfile\\.lock|Podfile\\.lock|pubspec\\.lock|mix\\.lock|flake\\.lock|packages\\.lock\\.json"
            + "|gradle\\.lockfile)$");
    private static final Pattern VENDORED = Pattern.compile("(^|/)(node_modules|vendor|bower_components|jspm_packages"
            + "|site-packages|\\.yarn|Pods)/|\\.min\\.(js|css)$|\\.(js|css)\\.map$");

    public enum Skip {
        BINARY("binary"), LOCKFILE("lockfiles"), VENDORED("vendored or minified"),
        TOO_LARGE("over " + MAX_BYTES / (1024 * 1024) + " MiB"), UNREADABLE("unreadable"),
        IGNORED("git-ignored and untracked"), ALLOWLISTED("allowlisted by path in .gitleaks.toml");

        private final String reason;

        Skip(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** What a scan found and what it left out; {@code skipped} lists paths per reason, in path order. */
    public record Scan(List<Finding> findings, int filesScanned, int inlineAllowed, Map<Skip, List<String>> skipped) {
    }

    private Scanner() {
    }

    public static Scan scan(RepoSnapshot repo, RuleSet rules) {
        Optional<Set<String>> tracked = repo.trackedFiles();
        List<FileResult> results = repo.files().parallelStream()
                .map(path -> scanFile(repo, tracked, rules, path))
                .toList();
        List<Finding> findings = new ArrayList<>();
        Map<Skip, List<String>> skipped = new TreeMap<>();
        int scanned = 0;
        int inlineAllowed = 0;
        for (FileResult r : results) {
            if (r.skip() != null) {
                skipped.computeIfAbsent(r.skip(), s -> new ArrayList<>()).add(r.path());
            } else {
                scanned++;
                findings.addAll(r.result().findings());
                inlineAllowed += r.result().inlineAllowed();
            }
        }
        skipped.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new Scan(List.copyOf(findings), scanned, inlineAllowed, Collections.unmodifiableMap(skipped));
    }

    private record FileResult(String path, Skip skip, RuleSet.Result result) {
    }

    private static FileResult scanFile(RepoSnapshot repo, Optional<Set<String>> tracked, RuleSet rules, String path) {
        Skip skip = skipByName(path);
        if (skip == null && rules.allowsPath(path)) {
            skip = Skip.ALLOWLISTED;
        }
        // A committed file counts even when a later .gitignore rule matches it; an ignored untracked one never leaves the machine.
        if (skip == null && !tracked.map(t -> t.contains(path)).orElse(false) && repo.ignoredBy(path).isPresent()) {
            skip = Skip.IGNORED;
        }
        if (skip != null) {
            return new FileResult(path, skip, null);
        }
        Path file = repo.root().resolve(path);
        try {
            if (Files.size(file) > MAX_BYTES) {
                return new FileResult(path, Skip.TOO_LARGE, null);
            }
            Optional<byte[]> text = readText(file);
            if (text.isEmpty()) {
                return new FileResult(path, Skip.BINARY, null);
            }
            return new FileResult(path, null, rules.scan(path, text.get()));
        } catch (IOException | RuntimeException e) {
            return new FileResult(path, Skip.UNREADABLE, null);
        }
    }

    static Skip skipByName(String path) {
        if (LOCKFILE.matcher(path).find()) {
            return Skip.LOCKFILE;
        }
        return VENDORED.matcher(path).find() ? Skip.VENDORED : null;
    }

    /** The file's bytes, or empty when its first 8 KiB hold a NUL byte (binary). */
    private static Optional<byte[]> readText(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        for (int i = 0, n = Math.min(all.length, SNIFF_BYTES); i < n; i++) {
            if (all[i] == 0) {
                return Optional.empty();
            }
        }
        return Optional.of(all);
    }
}
