package dev.preflight.checks.host;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;

/**
 * The application's directory on the host: directories grant no more than the item's directory mode
 * (755 by default), files no more than its file mode (644; an executable may have the directory
 * mode's execute bits), nothing is world-writable, and each {@code .env} file is readable by its
 * owner only. Symlinks are not followed.
 */
@CheckInfo(id = "host.permissions", title = "Application files and directories have the item's modes; nothing world-writable",
        target = TargetKind.HOST,
        phrases = {"\\bfile permissions", "world-writable", "\\b[0-7]{3} for (directories|files)", "\\bchmod\\b"},
        params = {"dirMode", "fileMode", "location"},
        related = {"lynis:FILE-7524"})
public final class PermissionsCheck implements Check {
    /** Where applications are deployed when the item names no directory: each directory under these is one. */
    static final List<String> APP_PARENTS = List.of("/srv", "/var/www", "/opt");
    private static final int MAX_ENTRIES = 200_000;
    private static final int MAX_SHOWN = 20;

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        int dirMode = mode(context.params().text(Param.DIR_MODE).orElse("755"));
        int fileMode = mode(context.params().text(Param.FILE_MODE).orElse("644"));
        List<String> apps = new ArrayList<>();
        Optional<String> location = context.params().text(Param.LOCATION);
        if (location.isPresent()) {
            if (!host.isDirectory(location.get())) {
                return Outcome.error(location.get() + " is not a directory on " + host.describe());
            }
            apps.add(location.get());
        } else {
            for (String parent : APP_PARENTS) {
                host.list(parent).stream().map(n -> parent + "/" + n).filter(host::isDirectory).forEach(apps::add);
            }
        }
        if (apps.isEmpty()) {
            return Outcome.unverified("no application directory named and none under " + String.join(", ", APP_PARENTS) + " on " + host.describe()
                    + ": name it on the item, e.g. <!-- preflight: host.permissions location=/srv/app -->");
        }
        List<Evidence> problems = new ArrayList<>();
        int[] counts = new int[2];
        for (String app : apps) {
            Path dir = host.resolve(app).orElseThrow();
            try {
                walk(host, dir, dirMode, fileMode, problems, counts);
            } catch (IOException e) {
                return Outcome.error("cannot walk " + app + " on " + host.describe() + ": " + e.getMessage());
            }
        }
        String scope = String.join(", ", apps) + " (" + counts[0] + " directories, " + counts[1] + " files)";
        if (!problems.isEmpty()) {
            List<Evidence> shown = new ArrayList<>(problems.subList(0, Math.min(MAX_SHOWN, problems.size())));
            if (problems.size() > MAX_SHOWN) {
                shown.add(new Evidence.Note((problems.size() - MAX_SHOWN) + " more not shown"));
            }
            return Outcome.fail(problems.size() + " permission problem(s) in " + scope + ": " + problems.getFirst().describe(),
                    "find DIR -type d -exec chmod " + octal(dirMode) + " {} + ; find DIR -type f ! -perm -u+x -exec chmod " + octal(fileMode)
                            + " {} + ; chmod 600 DIR/.env; and remove world write: chmod -R o-w DIR",
                    shown);
        }
        return Outcome.pass("directories within " + octal(dirMode) + ", files within " + octal(fileMode) + ", nothing world-writable, .env owner-only in "
                + scope, new Evidence.Note("walked " + scope));
    }

    private static void walk(HostRoot host, Path dir, int dirMode, int fileMode, List<Evidence> problems, int[] counts) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                counts[0]++;
                judge(host, d, true, dirMode, fileMode, problems);
                return counts[0] + counts[1] > MAX_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    counts[1]++;
                    judge(host, f, false, dirMode, fileMode, problems);
                }
                return counts[0] + counts[1] > MAX_ENTRIES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                problems.add(new Evidence.Note(host.hostPath(f) + ": cannot be read (" + e.getClass().getSimpleName() + ")"));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void judge(HostRoot host, Path p, boolean directory, int dirMode, int fileMode, List<Evidence> problems) {
        Optional<PosixFileAttributes> attrs = host.attributes(p);
        if (attrs.isEmpty()) {
            return;
        }
        int mode = bits(attrs.get().permissions());
        String name = host.hostPath(p) + " " + octal(mode) + " (" + attrs.get().owner().getName() + ")";
        if ((mode & 0002) != 0) {
            problems.add(new Evidence.Note(name + ": world-writable"));
        } else if (!directory && isEnvFile(p.getFileName().toString()) && (mode & 0077) != 0) {
            problems.add(new Evidence.Note(name + ": a .env file readable by others than its owner (wanted 600 or 400)"));
        } else if (directory && (mode & ~dirMode & 0777) != 0) {
            problems.add(new Evidence.Note(name + ": directory mode beyond " + octal(dirMode)));
        } else if (!directory && (mode & ~allowedForFile(mode, dirMode, fileMode) & 0777) != 0) {
            problems.add(new Evidence.Note(name + ": file mode beyond " + octal(fileMode)));
        }
    }

    /** A file that is executable for its owner (a script, a virtualenv's python) may carry the directory mode's execute bits. */
    private static int allowedForFile(int mode, int dirMode, int fileMode) {
        return (mode & 0100) != 0 ? fileMode | (dirMode & 0111) : fileMode;
    }

    /** .env and .env.production hold secrets; .env.example and its kin are templates meant to be read. */
    static boolean isEnvFile(String name) {
        return (name.equals(".env") || name.startsWith(".env.")) && !name.matches("\\.env\\.(example|sample|template|dist)");
    }

    static int mode(String octal) {
        return Integer.parseInt(octal, 8) & 0777;
    }

    static int bits(Set<PosixFilePermission> permissions) {
        String s = PosixFilePermissions.toString(permissions);
        int m = 0;
        for (int i = 0; i < 9; i++) {
            if (s.charAt(i) != '-') {
                m |= 1 << (8 - i);
            }
        }
        return m;
    }

    static String octal(int mode) {
        return String.format("%03o", mode);
    }
}
