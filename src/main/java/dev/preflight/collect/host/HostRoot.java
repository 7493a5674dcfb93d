package dev.preflight.collect.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The root the host checks read: "/" when Preflight runs on the server ({@code --host}), or a
 * mounted image or fixture ({@code --host-root DIR}). Every path a check names is absolute as seen
 * on the host and is resolved under the root, symlinks included, so that a link in a mounted image
 * pointing at {@code /etc/...} reads the image's file and nothing outside the root is ever read.
 * Running commands needs the live machine: on a mounted root {@link #run} says it is not available.
 */
public final class HostRoot {
    /** Files read whole by the host checks are configs; anything larger is not one. */
    public static final int MAX_READ = 1 << 20;
    private static final int MAX_LINK_HOPS = 40;
    private static final int MAX_OUTPUT = 64 * 1024;

    private final Path root;
    private final boolean live;

    private HostRoot(Path root, boolean live) {
        this.root = root;
        this.live = live;
    }

    /** The machine Preflight runs on. */
    public static HostRoot live() {
        return new HostRoot(Path.of("/"), true);
    }

    /** A mounted root or fixture; the caller has checked it is a directory. */
    public static HostRoot mounted(Path dir) {
        try {
            return new HostRoot(dir.toRealPath(), false);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
        }
    }

    public boolean isLive() {
        return live;
    }

    /** How reports name this host: "this host" or the mounted root's directory. */
    public String describe() {
        return live ? "this host" : "the host root " + root;
    }

    /**
     * The file that a host path names, symlinks followed inside the root (an absolute link target
     * restarts at the root, ".." stops at it), or empty when the path or a link on the way is missing
     * or loops.
     */
    public Optional<Path> resolve(String hostPath) {
        Deque<String> todo = new ArrayDeque<>(segments(hostPath));
        Deque<String> done = new ArrayDeque<>();
        int hops = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = under(done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++hops > MAX_LINK_HOPS) {
                    return Optional.empty();
                }
                String target;
                try {
                    target = Files.readSymbolicLink(candidate).toString();
                } catch (IOException e) {
                    return Optional.empty();
                }
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> link = segments(target);
                for (int i = link.size() - 1; i >= 0; i--) {
                    todo.push(link.get(i));
                }
                continue;
            }
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            done.addLast(part);
        }
        return Optional.of(under(done));
    }

    private Path under(Deque<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    private static List<String> segments(String path) {
        return Stream.of(path.split("/")).filter(s -> !s.isEmpty() && !s.equals(".")).toList();
    }

    /** The host path of a file found under the root, for evidence. */
    public String hostPath(Path file) {
        Path relative = root.relativize(file);
        return "/" + relative.toString().replace('\\', '/');
    }

    public boolean exists(String hostPath) {
        return resolve(hostPath).isPresent();
    }

    public boolean isDirectory(String hostPath) {
        return resolve(hostPath).filter(Files::isDirectory).isPresent();
    }

    /** A regular file's text (up to {@link #MAX_READ}), or empty when it is missing or unreadable. */
    public Optional<String> read(String hostPath) {
        Optional<Path> file = resolve(hostPath).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.get())) {
            return Optional.of(new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The names in a directory, sorted, or an empty list when it is missing or unreadable. */
    public List<String> list(String hostDir) {
        Optional<Path> dir = resolve(hostDir).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir.get())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Owner, group and mode of the path itself (a symlink's own attributes for a link). */
    public Optional<PosixFileAttributes> attributes(Path file) {
        try {
            return Optional.of(Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The size and free space of the filesystem holding a host path. */
    public record Space(String store, long total, long usable) {
        public double usedPercent() {
            return total == 0 ? 0 : 100.0 * (total - usable) / total;
        }
    }

    public Optional<Space> space(String hostPath) {
        Optional<Path> path = resolve(hostPath);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(path.get());
            return Optional.of(new Space(store.name(), store.getTotalSpace(), store.getUsableSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What a symlink says, unresolved (a masked unit's "/dev/null"), or empty when the path is not a link. */
    public Optional<String> linkTarget(String hostPath) {
        int slash = hostPath.lastIndexOf('/');
        Optional<Path> parent = resolve(hostPath.substring(0, Math.max(slash, 0)));
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        Path link = parent.get().resolve(hostPath.substring(slash + 1));
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).toString()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The names of the processes running on the live host (as /proc/PID/comm gives them, at most
     * 15 characters), or empty on a mounted root, whose processes are not running here.
     */
    public Optional<java.util.Set<String>> processNames() {
        if (!live) {
            return Optional.empty();
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    names.add(Files.readString(p.resolve("comm")).strip());
                } catch (IOException e) {
                    // The process ended between the listing and the read.
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(names);
    }

    /** What a command printed and how it ended. */
    public sealed interface Run {
        record Done(int exitCode, String output) implements Run {
        }

        record NotRun(String why) implements Run {
        }
    }

    /**
     * Runs a command on the live host with a timeout, its standard input closed and its output
     * capped; on a mounted root nothing is run. The command is an executable already found on the host.
     */
    public Run run(Duration timeout, String... command) {
        if (!live) {
            return new Run.NotRun("running commands needs the live host (--host), not a mounted root");
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            return new Run.NotRun("cannot start " + command[0] + ": " + e.getMessage());
        }
        try {
            var output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] bytes = in.readNBytes(MAX_OUTPUT);
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    return new String(bytes, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            }, task -> Thread.ofVirtual().start(task));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Run.NotRun(command[0] + " did not finish within " + timeout.toMillis() + " ms");
            }
            return new Run.Done(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Run.NotRun("interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            return new Run.NotRun(command[0] + "'s output could not be read");
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
