package dev.preflight.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The repository's files, walked once per run and shared by every repo check. Contents are read on
 * first use and kept; git is asked once which files it tracks.
 */
public final class RepoSnapshot {
    /** Folders that hold generated or third-party files, never the project's own config. */
    private static final Set<String> PRUNED = Set.of(".git", "node_modules", "vendor", ".venv", "venv",
            "__pycache__", "target", "build", "dist", ".tox", ".mypy_cache", ".idea");
    private static final long MAX_READ_BYTES = 2L * 1024 * 1024;

    private final Path root;
    private final Supplier<List<String>> files = Memo.of(this::walk);
    private final Supplier<Optional<Set<String>>> tracked = Memo.of(this::askGit);
    private final Supplier<Stack> stack = Memo.of(() -> Stack.of(this));
    private final ConcurrentHashMap<String, Memo<?>> derived = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<String>> contents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, GitIgnore> ignoreFiles = new ConcurrentHashMap<>();

    public RepoSnapshot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Every file below the root, as '/'-separated paths relative to it, in a stable order. */
    public List<String> files() {
        return files.get();
    }

    public boolean exists(String relative) {
        return Files.exists(root.resolve(relative));
    }

    /**
     * A fact read from the repository once per run however many checks ask for it, such as every
     * settings module parsed or every deployment variable: {@code key} names it, {@code read} makes it.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, java.util.function.Function<RepoSnapshot, T> read) {
        return ((Memo<T>) derived.computeIfAbsent(key, k -> Memo.of(() -> read.apply(this)))).get();
    }

    /** The languages and frameworks the repository uses, detected once per run. */
    public Stack stack() {
        return stack.get();
    }

    /** A text file's content, or empty when it is missing, too large or not text. */
    public Optional<String> read(String relative) {
        return contents.computeIfAbsent(relative, this::load);
    }

    /** The files git tracks below the root, relative to it; empty when the root is not in a git work tree or git is missing. */
    public Optional<Set<String>> trackedFiles() {
        return tracked.get();
    }

    /**
     * The .gitignore rule that makes git ignore the file {@code relative}, if any. Like git, it reads
     * the .gitignore of the root and of every directory on the way down (a deeper one overrides a
     * shallower one), and nothing inside an ignored directory can be re-included.
     */
    public Optional<GitIgnore.Rule> ignoredBy(String relative) {
        List<String> parts = List.of(relative.split("/"));
        for (int depth = 1; depth <= parts.size(); depth++) {
            boolean isDirectory = depth < parts.size();
            GitIgnore.Rule decided = null;
            for (int level = 0; level < depth; level++) {
                GitIgnore rules = ignoreFile(String.join("/", parts.subList(0, level)));
                String below = String.join("/", parts.subList(level, depth));
                decided = rules.decide(below, isDirectory).orElse(decided);
            }
            if (decided != null && !decided.negated()) {
                return Optional.of(decided);
            }
        }
        return Optional.empty();
    }

    private GitIgnore ignoreFile(String directory) {
        return ignoreFiles.computeIfAbsent(directory, d -> {
            String file = d.isEmpty() ? ".gitignore" : d + "/.gitignore";
            return GitIgnore.parse(file, read(file).orElse(""));
        });
    }

    private Optional<String> load(String relative) {
        Path file = root.resolve(relative);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_READ_BYTES) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    return Optional.empty();
                }
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private List<String> walk() {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && PRUNED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        out.add(relative(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return List.copyOf(out);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Asks git itself, so that a root inside a larger work tree (a monorepo's service folder) works too. */
    private Optional<Set<String>> askGit() {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(10, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return Optional.empty();
            }
            String listing = new String(out, StandardCharsets.UTF_8);
            return Optional.of(Set.of(listing.isEmpty() ? new String[0] : listing.split("\0")));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
