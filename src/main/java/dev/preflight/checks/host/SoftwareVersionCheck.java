package dev.preflight.checks.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.host.HostRoot;

/**
 * The software the item names is installed on the host: an executable of that name in a PATH
 * directory under the root. On the live host its version comes from running it (with a timeout)
 * and is compared with the item's minimum; on a mounted root nothing runs, so only a version the
 * file name carries (python3.11) is known, and the outcome says so.
 */
@CheckInfo(id = "host.software-version", title = "Required software is installed, at the item's minimum version", target = TargetKind.HOST,
        phrases = {"\\binstall(ed)?\\b.*\\b(python|pip|virtualenv|node(\\.js)?|java|nginx|apache|certbot|postgres(ql)?|mysql|mariadb|redis|docker|ffmpeg|ffprobe|gunicorn|uvicorn)\\b",
                "\\b(python|pip|virtualenv|node(\\.js)?|java|nginx|apache|certbot|postgres(ql)?|mysql|mariadb|redis|docker|ffmpeg|ffprobe|gunicorn|uvicorn)\\b.*\\binstalled\\b",
                "\\bbinary (is )?available", "\\b(python|node|java|ruby|php)\\s*\\d+(\\.\\d+)*\\+"},
        params = {"software", "minVersion"})
public final class SoftwareVersionCheck implements Check {
    static final List<String> PATH_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/snap/bin");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");
    private static final Pattern VERSIONED_NAME = Pattern.compile(".*?(\\d+(?:\\.\\d+)+)$");

    /** The executables each software name is installed as, most specific first. */
    private static final Map<String, List<String>> EXECUTABLES = Map.ofEntries(
            Map.entry("python", List.of("python3", "python")),
            Map.entry("pip", List.of("pip3", "pip")),
            Map.entry("virtualenv", List.of("virtualenv")),
            Map.entry("node", List.of("node", "nodejs")),
            Map.entry("java", List.of("java")),
            Map.entry("jdk", List.of("javac")),
            Map.entry("ruby", List.of("ruby")),
            Map.entry("php", List.of("php")),
            Map.entry("nginx", List.of("nginx")),
            Map.entry("apache", List.of("apache2", "httpd")),
            Map.entry("certbot", List.of("certbot")),
            Map.entry("postgresql", List.of("postgres", "psql", "pg_ctl")),
            Map.entry("mysql", List.of("mysqld", "mysql")),
            Map.entry("mariadb", List.of("mariadbd", "mariadb", "mysqld")),
            Map.entry("redis", List.of("redis-server")),
            Map.entry("docker", List.of("docker")),
            Map.entry("ffmpeg", List.of("ffmpeg")),
            Map.entry("ffprobe", List.of("ffprobe")),
            Map.entry("gunicorn", List.of("gunicorn")),
            Map.entry("uvicorn", List.of("uvicorn")),
            Map.entry("openssl", List.of("openssl")),
            Map.entry("git", List.of("git")));

    /** How each program prints its version; the rest answer --version. */
    private static final Map<String, String> VERSION_FLAG = Map.of("nginx", "-v", "apache2", "-v", "httpd", "-v", "java", "-version",
            "javac", "-version", "ffmpeg", "-version", "ffprobe", "-version", "openssl", "version", "postgres", "--version");

    /** One software's finding: where it is, and its version when known. */
    record Found(String path, Optional<String> version, String how) {
    }

    @Override
    public Outcome run(CheckContext context) {
        HostRoot host = context.host();
        Optional<String> wanted = context.params().text(Param.SOFTWARE);
        if (wanted.isEmpty()) {
            return Outcome.unverified("the item names no software this check knows: name it, e.g. <!-- preflight: host.software-version software=python minVersion=3.10 -->");
        }
        boolean any = wanted.get().contains("|");
        List<String> names = List.of(wanted.get().toLowerCase(Locale.ROOT).split("[|,]"));
        Optional<String> minVersion = context.params().text(Param.MIN_VERSION);
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> tooOld = new ArrayList<>();
        List<String> unknownVersion = new ArrayList<>();
        List<String> present = new ArrayList<>();
        for (String name : names) {
            List<String> executables = EXECUTABLES.get(name);
            if (executables == null) {
                return Outcome.unverified("software=" + name + " is not one this check knows how to find (it knows " + String.join(", ", EXECUTABLES.keySet().stream().sorted().toList()) + ")");
            }
            Optional<Found> found = find(host, executables, minVersion.isPresent());
            if (found.isEmpty()) {
                missing.add(name);
                evidence.add(new Evidence.Note(name + ": no " + String.join(" or ", executables) + " in " + String.join(", ", pathDirs(host))));
                continue;
            }
            Found f = found.get();
            evidence.add(new Evidence.Note(name + ": " + f.path() + f.version().map(v -> " version " + v).orElse("") + " (" + f.how() + ")"));
            if (minVersion.isPresent() && f.version().isEmpty()) {
                unknownVersion.add(name);
            } else if (minVersion.isPresent() && compare(f.version().get(), minVersion.get()) < 0) {
                tooOld.add(name + " " + f.version().get());
            } else {
                present.add(name + f.version().map(v -> " " + v).orElse(""));
            }
        }
        String floor = minVersion.map(v -> " " + v + "+").orElse("");
        boolean met = any ? !present.isEmpty() : missing.isEmpty() && tooOld.isEmpty() && unknownVersion.isEmpty();
        if (met) {
            return Outcome.pass((any ? "installed: " : "") + String.join(", ", present) + minVersion.map(v -> " (at least " + v + ")").orElse("") + " on " + host.describe(), evidence);
        }
        if (!tooOld.isEmpty() || (!missing.isEmpty() && (!any || unknownVersion.isEmpty()))) {
            List<String> why = new ArrayList<>();
            if (!missing.isEmpty()) {
                why.add("not installed: " + String.join(any ? " or " : ", ", missing));
            }
            if (!tooOld.isEmpty()) {
                why.add("older than" + floor + ": " + String.join(", ", tooOld));
            }
            return Outcome.fail(String.join("; ", why) + " on " + host.describe(),
                    "Install " + wanted.get().replace("|", " or ").replace(",", " and ") + floor + " with the system's package manager (e.g. apt install ...).",
                    evidence);
        }
        return Outcome.warn(String.join(", ", unknownVersion) + " installed, version not known on " + host.describe()
                        + (host.isLive() ? "" : " (a mounted root runs nothing; give --host on the machine to read versions)") + ": cannot compare with" + floor,
                "Run Preflight with --host on the machine itself, or check '" + unknownVersion.getFirst() + " --version' by hand.", evidence);
    }

    private static Optional<Found> find(HostRoot host, List<String> executables, boolean needVersion) {
        for (String exe : executables) {
            for (String dir : pathDirs(host)) {
                String hostPath = dir + "/" + exe;
                Optional<Path> file = host.resolve(hostPath).filter(Files::isRegularFile);
                if (file.isEmpty() || !executable(host, file.get())) {
                    continue;
                }
                Optional<String> fromName = versionFromName(exe, file.get());
                if (host.isLive() && needVersion) {
                    HostRoot.Run run = host.run(VERSION_TIMEOUT, hostPath, VERSION_FLAG.getOrDefault(exe, "--version"));
                    if (run instanceof HostRoot.Run.Done done) {
                        Matcher m = VERSION.matcher(done.output());
                        if (m.find()) {
                            return Optional.of(new Found(hostPath, Optional.of(m.group(1)), "from " + exe + " " + VERSION_FLAG.getOrDefault(exe, "--version")));
                        }
                    }
                }
                return Optional.of(new Found(hostPath, fromName,
                        fromName.isPresent() ? "version from the file name it links to" : host.isLive() ? "present" : "present; a mounted root runs nothing, so no version"));
            }
        }
        return Optional.empty();
    }

    /** python3 → python3.11: the version a link's target or a sibling's name carries, read without running anything. */
    private static Optional<String> versionFromName(String exe, Path file) {
        Matcher own = VERSIONED_NAME.matcher(file.getFileName().toString());
        if (own.matches() && file.getFileName().toString().startsWith(exe)) {
            return Optional.of(own.group(1));
        }
        return Optional.empty();
    }

    private static boolean executable(HostRoot host, Path file) {
        return host.attributes(file).map(a -> (PermissionsCheck.bits(a.permissions()) & 0111) != 0).orElse(false);
    }

    private static List<String> pathDirs(HostRoot host) {
        Set<String> dirs = new LinkedHashSet<>(PATH_DIRS);
        if (host.isLive()) {
            String path = System.getenv("PATH");
            if (path != null) {
                for (String d : path.split(":")) {
                    if (d.startsWith("/")) {
                        dirs.add(d);
                    }
                }
            }
        }
        return List.copyOf(dirs);
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
