package dev.preflight.checks.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Assignment;
import dev.preflight.collect.PythonSettings.Value;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.ResolvedDependency;
import dev.preflight.collect.ResolvedVersions;
import dev.preflight.collect.osv.Ecosystem;

/**
 * Django's DATABASES as the production settings write it: the engine of each database (written,
 * or read from the environment with dj-database-url or django-environ and followed to the deploy
 * files that set it), SQLite in production only when the item accepts it, and SQLite in WAL mode
 * (OPTIONS {@code init_command}, or a {@code PRAGMA journal_mode=WAL} the app runs itself). The
 * live database is judged by the db.* checks; this one reads the settings only.
 */
@CheckInfo(id = "config.django-database", title = "Django DATABASES: the engine in use, from the environment, SQLite in WAL mode",
        target = TargetKind.REPO,
        severity = Severity.MEDIUM,
        phrases = {"\\bWAL mode", "journal[_ ]mode", "write-ahead log", "dj[-_]database[-_]url", "\\bdatabase engine",
                "\\bDATABASES\\s*(setting|\\[|=)", "settings\\.DATABASES"},
        related = {"django:DATABASES", "sqlite:journal_mode"})
public final class DjangoDatabaseCheck implements Check {
    private static final Pattern WAL = Pattern.compile("(?i)journal_mode\\s*=\\s*['\"]?wal\\b");
    private static final Pattern ASKS_WAL = Pattern.compile("(?i)\\bwal\\b|journal[_ ]mode|write-ahead");
    private static final Pattern ASKS_URL = Pattern.compile("(?i)dj[-_]database[-_]url|\\bdatabase[_ ]url\\b");
    private static final Pattern ASKS_ENGINE = Pattern.compile("(?i)\\b(postgres(?:ql)?|mysql|mariadb|oracle)\\b");
    private static final Pattern NOT_APP_SOURCE = Pattern.compile("(^|/)(tests?|__tests__)/|(^|/)(test_[^/]*|[^/]*_test\\.py|conftest\\.py)$");
    private static final String INIT_COMMAND_SINCE = "5.1";

    /** Where an engine was learnt: written in the settings, set by a deploy file, only the default of an unset variable, or not known. */
    private enum Source { WRITTEN, DEPLOY_FILE, DEFAULT, UNKNOWN }

    /**
     * The engine one database alias uses, as far as the repository tells, the place that says so,
     * and the alias's own OPTIONS init_command when it turns WAL on.
     */
    private record Engine(String alias, Optional<String> name, Source source, Evidence.FileLine where, Optional<Evidence.FileLine> initCommand) {
        boolean sqlite() {
            return name.map(n -> n.contains("sqlite") || n.contains("spatialite")).orElse(false);
        }
    }

    /** What the item asks, read from its words: WAL, whether SQLite will do, dj-database-url, a server engine by name. */
    private record Asks(boolean wal, boolean sqliteAccepted, boolean url, Optional<String> engine) {
        /** Whether a known engine is not the one the item names (PostGIS is PostgreSQL, MariaDB is served by the mysql backend). */
        boolean otherThanAsked(Engine e) {
            return engine.isPresent() && e.name().isPresent() && e.source() != Source.DEFAULT
                    && !(e.name().get().equals(engine.get()) || engine.get().equals("postgresql") && e.name().get().equals("postgis"));
        }
    }

    /** Problems fail the check, doubts make it a warning, the rest is the evidence of a pass. */
    private record Findings(List<Evidence> problems, List<Evidence> doubts, List<Evidence> seen, List<Engine> engines) {
        Findings() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        RepoSnapshot repo = context.repo();
        List<PythonSettings> modules = PythonConfig.djangoSettings(repo);
        if (modules.isEmpty()) {
            return Outcome.notApplicable("no Django settings module in the repository (stack: " + repo.stack().describe() + ")");
        }
        DeployEnvironment env = DeployEnvironment.of(repo);
        return PythonConfig.withUnreadable(evaluate(context, repo, modules, env), env);
    }

    private Outcome evaluate(CheckContext context, RepoSnapshot repo, List<PythonSettings> modules, DeployEnvironment env) {
        String words = context.itemText() == null ? "" : context.itemText();
        boolean wal = ASKS_WAL.matcher(words).find();
        Matcher named = ASKS_ENGINE.matcher(words);
        Optional<String> engine = named.find() ? Optional.of(scheme(named.group(1).toLowerCase(Locale.ROOT).replace("mariadb", "mysql")))
                : Optional.empty();
        Asks asks = new Asks(wal, wal || words.toLowerCase(Locale.ROOT).contains("sqlite"), ASKS_URL.matcher(words).find(), engine);
        List<Evidence.FileLine> pragmas = walPragmas(repo);
        Findings found = new Findings();
        for (PythonSettings s : modules) {
            Optional<Assignment> databases = s.get("DATABASES");
            if (databases.isEmpty()) {
                found.doubts().add(new Evidence.FileLine(s.path(), 0, "DATABASES is not set: Django's default is {}, no database at all"));
                continue;
            }
            Assignment a = databases.get();
            if (!(a.value() instanceof PythonSettings.Dict aliases)) {
                Evidence.FileLine here = new Evidence.FileLine(a.file(), a.line(), "DATABASES = " + shorten(a.value()) + " (not evaluated)");
                found.engines().add(new Engine("DATABASES", Optional.empty(), Source.UNKNOWN, here, Optional.empty()));
                continue;
            }
            aliases.entries().forEach((alias, config) -> database(repo, env, a, alias, config, asks, found));
        }
        List<Evidence.FileLine> initCommands = found.engines().stream().map(Engine::initCommand).flatMap(Optional::stream).distinct().toList();
        // The alias's own init_command is already counted for it; a PRAGMA elsewhere counts for every SQLite database.
        pragmas.removeIf(p -> initCommands.stream().anyMatch(i -> i.path().equals(p.path()) && i.line() == p.line()));
        for (Engine e : found.engines()) {
            judge(e, e.initCommand().or(() -> pragmas.stream().findFirst()), asks, found);
        }
        List<Evidence.FileLine> initCommandsUsed = new ArrayList<>(initCommands);
        pragmas.stream().filter(p -> p.excerpt().contains("init_command")).forEach(initCommandsUsed::add);
        if (!initCommandsUsed.isEmpty()) {
            djangoTooOld(repo, initCommandsUsed.getFirst()).ifPresent(found.problems()::add);
        }
        return outcome(asks, found);
    }

    private static Outcome outcome(Asks asks, Findings found) {
        String fix = "SQLite: on Django 5.1 or later set DATABASES['default']['OPTIONS'] = {'init_command': 'PRAGMA journal_mode=WAL;'}; "
                + "before 5.1 run that PRAGMA in a connection_created signal handler (WAL then stays on in the database file). "
                + "For production prefer PostgreSQL or MySQL, read from the environment: "
                + "DATABASES = {'default': dj_database_url.config(conn_max_age=600)} with DATABASE_URL set where the app runs.";
        if (!found.problems().isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(found.problems());
            evidence.addAll(found.doubts());
            return Outcome.fail(found.problems().size() == 1 ? found.problems().getFirst().describe()
                    : found.problems().size() + " problems with DATABASES", fix, evidence);
        }
        if (asks.wal() && !found.engines().isEmpty()
                && found.engines().stream().allMatch(e -> e.name().isPresent() && !e.sqlite())) {
            return Outcome.notApplicable("no SQLite database: " + String.join(", ", found.engines().stream()
                    .map(e -> e.alias() + " is " + e.name().orElseThrow()).distinct().toList()));
        }
        if (!found.doubts().isEmpty()) {
            List<Evidence> evidence = new ArrayList<>(found.doubts());
            evidence.addAll(found.seen());
            return Outcome.warn(found.doubts().size() == 1 ? found.doubts().getFirst().describe()
                    : found.doubts().size() + " database settings to confirm", fix, evidence);
        }
        return Outcome.pass(String.join(", ", found.engines().stream().map(DjangoDatabaseCheck::summary).distinct().toList()),
                found.seen());
    }

    private static String summary(Engine e) {
        String engine = e.name().orElse("engine not known from the repository");
        return e.alias() + ": " + engine + switch (e.source()) {
            case WRITTEN, UNKNOWN -> "";
            case DEPLOY_FILE -> " (from the environment)";
            case DEFAULT -> " (the default of an unset variable)";
        };
    }

    /** One alias of DATABASES: a dict with its ENGINE, or a URL read from the environment. */
    private static void database(RepoSnapshot repo, DeployEnvironment env, Assignment a, String alias, Value config, Asks asks, Findings found) {
        int line = lineOf(repo, a.file(), a.line(), "'" + alias + "'", "\"" + alias + "\"");
        Evidence.FileLine here = new Evidence.FileLine(a.file(), line, "DATABASES['" + alias + "']");
        switch (config) {
            case PythonSettings.Dict written -> {
                if (asks.url()) {
                    found.problems().add(note(here, "written in the settings, not read from DATABASE_URL with dj-database-url"));
                }
                Optional<Value> engine = written.get("ENGINE");
                if (engine.isEmpty()) {
                    found.problems().add(note(here, "no ENGINE: Django falls back to its dummy backend, which fails on the first query"));
                    return;
                }
                Optional<Evidence.FileLine> initCommand = written.get("OPTIONS").filter(PythonSettings.Dict.class::isInstance)
                        .flatMap(o -> ((PythonSettings.Dict) o).get("init_command"))
                        .filter(c -> c instanceof PythonSettings.Str s && WAL.matcher(s.text()).find())
                        .map(c -> new Evidence.FileLine(a.file(), lineOf(repo, a.file(), line, "init_command"), "OPTIONS init_command " + c.describe()));
                Evidence.FileLine engineAt = new Evidence.FileLine(a.file(), lineOf(repo, a.file(), line, "ENGINE"), here.excerpt() + "['ENGINE']");
                found.engines().addAll(engines(env, alias, engine.get(), engineAt, initCommand, DjangoDatabaseCheck::backend));
            }
            case PythonSettings.FromEnv url -> found.engines().addAll(engines(env, alias, url, here, Optional.empty(), DjangoDatabaseCheck::scheme));
            default -> found.engines().add(new Engine(alias, Optional.empty(), Source.UNKNOWN, note(here, "not evaluated"), Optional.empty()));
        }
    }

    /** The engines a value names: written, set by the deploy files for a variable, or the variable's default. */
    private static List<Engine> engines(DeployEnvironment env, String alias, Value v, Evidence.FileLine here,
                                        Optional<Evidence.FileLine> initCommand, UnaryOperator<String> name) {
        if (v instanceof PythonSettings.Str s) {
            return List.of(new Engine(alias, Optional.of(name.apply(s.text())), Source.WRITTEN,
                    new Evidence.FileLine(here.path(), here.line(), here.excerpt() + " = '" + masked(s.text()) + "'"), initCommand));
        }
        if (!(v instanceof PythonSettings.FromEnv e)) {
            return List.of(new Engine(alias, Optional.empty(), Source.UNKNOWN, note(here, "not evaluated"), initCommand));
        }
        List<Engine> out = new ArrayList<>();
        env.of(e.variable()).stream()
                .filter(s -> !s.reference() && !DeployEnvironment.isTemplate(s.file()) && !DeployEnvironment.isDevelopment(s.file()))
                .forEach(s -> out.add(new Engine(alias, Optional.of(name.apply(s.value())), Source.DEPLOY_FILE,
                        new Evidence.FileLine(s.file(), s.line(), s.key() + "=" + masked(s.value()) + " (read as DATABASES['" + alias + "'])"),
                        initCommand)));
        if (!out.isEmpty()) {
            return out;
        }
        String read = "from the environment (" + e.variable() + "), set outside the repository";
        return e.fallback().filter(PythonSettings.Str.class::isInstance).map(f -> ((PythonSettings.Str) f).text())
                .map(f -> List.of(new Engine(alias, Optional.of(name.apply(f)), Source.DEFAULT,
                        note(here, read + "; when unset '" + masked(f) + "'"), initCommand)))
                .orElseGet(() -> List.of(new Engine(alias, Optional.empty(), Source.UNKNOWN, note(here, read), initCommand)));
    }

    private static void judge(Engine e, Optional<Evidence.FileLine> wal, Asks asks, Findings found) {
        if (asks.otherThanAsked(e)) {
            found.problems().add(note(e.where(), e.name().orElseThrow() + ", not the " + asks.engine().orElseThrow() + " the item asks for"));
            return;
        }
        if (!e.sqlite()) {
            if (e.name().isEmpty() && asks.wal() && wal.isEmpty()) {
                found.doubts().add(note(e.where(), "the engine is not known from the repository, and nothing turns WAL on"));
            } else {
                found.seen().add(e.where());
            }
            return;
        }
        if (e.source() == Source.DEFAULT) {
            (asks.wal() && wal.isEmpty() ? found.doubts() : found.seen())
                    .add(note(e.where(), wal.isEmpty() ? "SQLite without WAL when the variable is unset" : "SQLite when the variable is unset"));
            wal.ifPresent(found.seen()::add);
            return;
        }
        if (wal.isPresent()) {
            found.seen().add(note(e.where(), "SQLite in WAL mode"));
            found.seen().add(wal.get());
        } else {
            (asks.wal() ? found.problems() : found.doubts()).add(note(e.where(),
                    "SQLite without WAL: journal_mode stays 'delete', and readers and the one writer block each other"));
        }
        if (!asks.sqliteAccepted()) {
            found.doubts().add(note(e.where(), "SQLite in the production settings: one writer at a time, on the app server's own disk"));
        }
    }

    /**
     * Django passes SQLite's OPTIONS to sqlite3.connect() before 5.1, which rejects init_command:
     * the app would not start. The version is the one the repository pins, when it pins one.
     */
    private static Optional<Evidence> djangoTooOld(RepoSnapshot repo, Evidence.FileLine initCommand) {
        return ResolvedVersions.of(repo).dependencies().stream()
                .filter(d -> d.ecosystem() == Ecosystem.PYPI && Ecosystem.PYPI.normalize(d.name()).equals("django"))
                .filter(d -> Ecosystem.PYPI.compare(d.version(), INIT_COMMAND_SINCE) < 0)
                .findFirst()
                .map(d -> (Evidence) new Evidence.FileLine(initCommand.path(), initCommand.line(), initCommand.excerpt()
                        + " (needs Django " + INIT_COMMAND_SINCE + " or later; " + where(d) + " pins Django " + d.version()
                        + ", whose sqlite3.connect() rejects init_command)"));
    }

    private static String where(ResolvedDependency d) {
        return d.path() + ":" + d.line();
    }

    /** Lines of the app's Python sources that turn WAL on themselves: a PRAGMA in a signal handler, a migration, a management command. */
    private static List<Evidence.FileLine> walPragmas(RepoSnapshot repo) {
        List<Evidence.FileLine> out = new ArrayList<>();
        for (String f : repo.files()) {
            if (!f.endsWith(".py") || DeployEnvironment.isDevelopment(f) || NOT_APP_SOURCE.matcher(f).find()) {
                continue;
            }
            String text = repo.read(f).orElse("");
            if (!WAL.matcher(text).find()) {
                continue;
            }
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (!l.startsWith("#") && WAL.matcher(l).find()) {
                    out.add(new Evidence.FileLine(f, i + 1, l));
                }
            }
        }
        return out;
    }

    /** "django.db.backends.postgresql" → "postgresql". */
    static String backend(String engine) {
        String last = engine.substring(engine.lastIndexOf('.') + 1).strip();
        return last.equals("postgresql_psycopg2") ? "postgresql" : last;
    }

    /** The engine a database URL names by its scheme, as dj-database-url reads it. */
    static String scheme(String url) {
        int end = url.indexOf("://");
        String scheme = (end < 0 ? url : url.substring(0, end)).strip().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "postgres", "postgresql", "pgsql", "psql" -> "postgresql";
            case "mysql2", "mysql-connector" -> "mysql";
            case "sqlite" -> "sqlite3";
            default -> scheme.replaceFirst("\\+.*$", "");
        };
    }

    /** A database URL without its credentials, host or path: its scheme is what the evidence needs. */
    private static String masked(String value) {
        int end = value.indexOf("://");
        return end < 0 ? value : value.substring(0, end + 3) + "…";
    }

    private static String shorten(Value v) {
        String d = v.describe();
        return d.length() > 60 ? d.substring(0, 60) + "…" : d;
    }

    private static int lineOf(RepoSnapshot repo, String file, int from, String... needles) {
        String[] lines = repo.read(file).orElse("").split("\r?\n", -1);
        for (int i = Math.max(0, from - 1); i < lines.length; i++) {
            for (String n : needles) {
                if (lines[i].contains(n)) {
                    return i + 1;
                }
            }
        }
        return from;
    }

    private static Evidence.FileLine note(Evidence.FileLine here, String note) {
        return new Evidence.FileLine(here.path(), here.line(), here.excerpt() + " (" + note + ")");
    }
}
