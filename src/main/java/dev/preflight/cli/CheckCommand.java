package dev.preflight.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.preflight.Preflight;
import dev.preflight.binding.BindingException;
import dev.preflight.check.Catalog;
import dev.preflight.check.Param;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistException;
import dev.preflight.report.WriteBack;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.RequestLog;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.config.ConfigException;
import dev.preflight.config.PreflightConfig;
import dev.preflight.load.Scenarios;
import dev.preflight.engine.Engine;
import dev.preflight.files.AtomicFiles;
import dev.preflight.engine.RunOptions;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.db.ConfiguredDatabases;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.RestoreSettings;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preflight check}: binds, runs, reports, and exits with the verdict. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Verify a checklist's items against the repository, the live deployment and its databases.",
        footer = {"", "Exit codes: 0 GO or GO_WITH_WAIVERS, 1 NO_GO, 2 bad usage or bad input.", "", "Example:",
                "  preflight check PRODUCTION_CHECKLIST.md --repo . \\", "      --url https://staging.example.com --format html --out report.html"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHECKLIST.md",
            description = "the checklist (default: the config's, or PRODUCTION_CHECKLIST.md / CHECKLIST.md here)")
    Path checklist;

    @Option(names = "--repo", paramLabel = "DIR", description = "the source tree to check")
    Path repo;

    @Option(names = "--url", paramLabel = "URL", description = "a base URL of the live deployment (repeatable)")
    List<String> urls = new ArrayList<>();

    @Option(names = "--db", paramLabel = "URL", description = "a database URL, JDBC or DSN (repeatable)")
    List<String> dbs = new ArrayList<>();

    @Option(names = "--host", description = "also check the machine Preflight runs on (sshd, disk, permissions, installed software)")
    boolean host;

    @Option(names = "--host-root", paramLabel = "DIR", description = "check a mounted root (an image, a fixture) as the host; reads files only, runs nothing")
    Path hostRoot;

    @Option(names = "--restore-db", paramLabel = "URL",
            description = "an administrative database URL the restore drill creates and drops its scratch database through (never --db's)")
    String restoreDb;

    @Mixin
    ConfigOption config;

    @Option(names = "--env", paramLabel = "NAME", description = "use the targets and settings of this environment from the config")
    String environment;

    @Option(names = "--active", description = "allow active probes (bursts, uploads, payloads, load); bounded, and shown before they start")
    boolean active;

    @Option(names = "--plan", description = "print every request the live checks would send, and send none")
    boolean plan;

    @Mixin
    ProbeOptions probe;

    @Option(names = "--osv", paramLabel = "DIR", description = "a directory of OSV advisories (JSON, as osv.dev exports them) to match dependency versions against, offline")
    Path osv;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, markdown, junit, sarif or html (default: text, or from --out's extension)")
    String format;

    @Option(names = "--out", paramLabel = "PATH", description = "write the report to this file instead of standard output")
    Path out;

    /** Where the databases found in the repository's config come from, one line each, for standard error or the plan. */
    private final List<String> configured = new ArrayList<>();

    @Option(names = "--write", description = "tick and untick the checklist's boxes from the results, with a status comment on each item line")
    boolean write;

    @Override
    public Integer call() throws Exception {
        PreflightConfig cfg = config.load();
        Path file = ChecklistLocator.locate(checklist, cfg.checklist());
        PreflightConfig.Environment env = environment(cfg, environment);
        Targets targets = targets(cfg, env);
        RunOptions options = options(cfg, env);
        if (plan) {
            return printPlan(cfg, file, targets, options);
        }
        Format chosen = format();

        Preflight preflight = new Preflight(Catalog.standard(), cfg);
        Engine engine = new Engine(options);
        return CtrlC.stoppable(engine::interrupt, () -> {
            Report report;
            try {
                Checklist parsed = preflight.read(file);
                if (parsed.items().isEmpty()) {
                    throw new UserError(file + ": no task-list items ('- [ ] ...') found");
                }
                report = preflight.check(parsed, targets, engine, new TerminalProgress(System.err, Console.isTerminal()), LocalDate.now());
                if (write) {
                    WriteBack.write(file, report, LocalDate.now());
                }
            } catch (ChecklistException | BindingException | ConfigException e) {
                throw new UserError(e);
            }
            emit(report, chosen);
            return report.verdict() == Report.Verdict.NO_GO ? 1 : 0;
        });
    }

    /**
     * Runs the live checks against probes that record instead of sending, and prints what they
     * recorded. The repository and databases are left out: only requests to the deployment are planned,
     * after the databases found in the repository's config, which the db checks would connect to.
     */
    private int printPlan(PreflightConfig cfg, Path file, Targets targets, RunOptions options) {
        if (!configured.isEmpty()) {
            System.out.println("The db checks would connect to the databases the repository's config names (read-only):");
            configured.forEach(line -> System.out.println("  " + line));
            if (targets.urls().isEmpty()) {
                return 0;
            }
        }
        if (targets.urls().isEmpty()) {
            throw new UserError("--plan lists the requests sent to the deployment: give --url (or targets.urls in the config)");
        }
        RequestLog log = new RequestLog();
        RunOptions planning = new RunOptions(options.active(), options.checkTimeout(), options.runDeadline(), options.headers(),
                options.requestTimeout(), options.trust(), null, log, options.scenarios());
        try {
            new Preflight(Catalog.standard(), cfg).check(file, new Targets(null, targets.urls(), List.of()), planning);
        } catch (ChecklistException | BindingException | ConfigException e) {
            throw new UserError(e);
        }
        List<String> lines = log.lines();
        System.out.println("Preflight would send " + lines.size() + (lines.size() == 1 ? " request" : " requests")
                + " (or handshake or bounded burst) to " + targets.urls().stream().map(URI::toString).collect(java.util.stream.Collectors.joining(", "))
                + (options.active() ? ":" : ", passive checks only (add --active for bursts, uploads and payloads):"));
        lines.forEach(line -> System.out.println("  " + line));
        if (!options.headers().isEmpty()) {
            System.out.println("Every request carries the --header values given (" + String.join(", ", options.headers().keySet())
                    + "), and the User-Agent " + HttpProbe.USER_AGENT + ".");
        } else {
            System.out.println("Every request carries the User-Agent " + HttpProbe.USER_AGENT + ".");
        }
        return 0;
    }

    private void emit(Report report, Format chosen) throws IOException {
        boolean toFile = out != null;
        String text = chosen.writer(!toFile && chosen == Format.TEXT && Console.colour()).render(report);
        if (!toFile) {
            System.out.print(text);
            System.out.flush();
            return;
        }
        try {
            AtomicFiles.write(out, text);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot be written (" + e.getMessage() + ")");
        }
        System.err.println("preflight: " + report.verdict() + " · report written to " + out);
    }

    private Format format() {
        if (format != null) {
            try {
                return Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserError("--format " + format + " is not one of text, json, markdown, junit, sarif, html");
            }
        }
        return out == null ? Format.TEXT : Format.forFile(out.getFileName().toString());
    }

    /** The config's environment named by --env ({@code environment}), or null when none was given. */
    static PreflightConfig.Environment environment(PreflightConfig cfg, String environment) {
        if (environment == null) {
            return null;
        }
        PreflightConfig.Environment env = cfg.environments().get(environment);
        if (env == null) {
            throw new UserError("--env " + environment + ": no such environment in the config"
                    + (cfg.environments().isEmpty() ? "" : " (it has: " + String.join(", ", cfg.environments().keySet()) + ")"));
        }
        return env;
    }

    private Targets targets(PreflightConfig cfg, PreflightConfig.Environment env) {
        PreflightConfig.Targets t = cfg.targets();
        Path repoDir = repo != null ? repo : t != null && t.repo() != null ? Path.of(t.repo()) : null;
        if (repoDir != null && !Files.isDirectory(repoDir)) {
            throw new UserError("--repo " + repoDir + ": not a directory");
        }
        List<String> urlTexts = !urls.isEmpty() ? urls : env != null && !env.urls().isEmpty() ? env.urls()
                : t != null ? t.urls() : List.of();
        List<String> dbTexts = !dbs.isEmpty() ? dbs : env != null && !env.dbs().isEmpty() ? env.dbs()
                : t != null ? t.dbs() : List.of();
        List<DatabaseUrl> databases = dbTexts.stream().map(CheckCommand::database).toList();
        Map<DatabaseUrl, String> origins = new LinkedHashMap<>();
        RepoSnapshot snapshot = repoDir == null ? null : new RepoSnapshot(repoDir);
        if (databases.isEmpty() && snapshot != null) {
            configuredDatabases(snapshot).forEach(f -> origins.putIfAbsent(f.url(), f.where()));
            databases = List.copyOf(origins.keySet());
        }
        return new Targets(snapshot, urlTexts.stream().map(CheckCommand::url).toList(), databases, hostRoot(cfg),
                restore(cfg.backup()), origins);
    }

    private RestoreSettings restore(PreflightConfig.Backup backup) {
        String admin = restoreDb != null ? restoreDb : backup != null ? backup.restoreDb() : null;
        return new RestoreSettings(admin == null ? null : database(admin));
    }

    /** The databases the repository's config names, said on standard error (or in the plan) with where each came from. */
    private List<ConfiguredDatabases.Found> configuredDatabases(RepoSnapshot repo) {
        ConfiguredDatabases found = ConfiguredDatabases.of(repo);
        found.urls().forEach(f -> configured.add("database " + f.describe()));
        found.notes().forEach(n -> configured.add("database not used: " + n));
        if (!plan) {
            configured.forEach(line -> System.err.println("preflight: " + line));
        }
        return found.urls();
    }

    /** --host or --host-root, else the config's targets.host. */
    private HostRoot hostRoot(PreflightConfig cfg) {
        String configured = cfg.targets() == null ? null : cfg.targets().host();
        if (!host && hostRoot == null && configured != null) {
            if (configured.equals("/")) {
                return HostRoot.live();
            }
            if (!Files.isDirectory(Path.of(configured))) {
                throw new UserError(cfg.whereTarget("host") + ": targets.host " + configured + ": not a directory");
            }
            return HostRoot.mounted(Path.of(configured));
        }
        if (host && hostRoot != null) {
            throw new UserError("--host and --host-root " + hostRoot + ": give one (--host is the machine Preflight runs on)");
        }
        if (hostRoot != null) {
            if (!Files.isDirectory(hostRoot)) {
                throw new UserError("--host-root " + hostRoot + ": not a directory");
            }
            return HostRoot.mounted(hostRoot);
        }
        return host ? HostRoot.live() : null;
    }

    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new UserError("invalid URL '" + text + "': " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new UserError("invalid URL '" + text + "': it must start with http:// or https://");
        }
        if (uri.getHost() == null) {
            throw new UserError("invalid URL '" + text + "': it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new UserError("invalid URL '" + text + "': give a base URL without credentials, query or fragment");
        }
        return uri;
    }

    /** A --db or --restore-db value; one without a password takes the one its kind's client reads from the environment. */
    static DatabaseUrl database(String text) {
        try {
            return DatabaseUrl.parse(text).withPasswordFrom(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserError(e);
        }
    }

    private RunOptions options(PreflightConfig cfg, PreflightConfig.Environment env) {
        boolean isActive = active || env != null && Boolean.TRUE.equals(env.active())
                || env == null && Boolean.TRUE.equals(cfg.active());
        Duration checkTimeout = RunOptions.DEFAULT_CHECK_TIMEOUT;
        Duration deadline = RunOptions.DEFAULT_RUN_DEADLINE;
        if (cfg.timeouts() != null) {
            checkTimeout = duration("timeouts.check", cfg.timeouts().check(), checkTimeout);
            deadline = duration("timeouts.run", cfg.timeouts().run(), deadline);
        }
        TrustMaterial trust = probe.trust();
        Scenarios scenarios;
        try {
            scenarios = Scenarios.from(cfg);
        } catch (ConfigException e) {
            throw new UserError(e);
        }
        return new RunOptions(isActive, checkTimeout, deadline, headers(), RunOptions.DEFAULT_REQUEST_TIMEOUT, trust, osvDirectory(cfg), null,
                scenarios);
    }

    private Path osvDirectory(PreflightConfig cfg) {
        Path dir = osv != null ? osv : cfg.osv() != null ? Path.of(cfg.osv()) : null;
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UserError((osv != null ? "--osv " : "preflight.yaml: osv: ") + dir + ": not a directory");
        }
        return dir;
    }

    private static Duration duration(String key, String value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Param.duration(Param.DURATION.canonical(value));
        } catch (IllegalArgumentException e) {
            throw new UserError("preflight.yaml: " + key + ": '" + value + "' is not a duration such as 30s or 5m");
        }
    }

    private Map<String, String> headers() {
        return probe.headers();
    }
}
