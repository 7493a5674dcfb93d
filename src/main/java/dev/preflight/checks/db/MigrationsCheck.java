package dev.preflight.checks.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.collect.db.MigrationFiles;
import dev.preflight.collect.db.MigrationHistory;

/**
 * Every migration in the repository (Flyway, Alembic, Django, Prisma, knex) is recorded as applied in
 * the database's history table, none is recorded as failed, and the history names no migration the
 * repository no longer has.
 */
@CheckInfo(id = "db.migrations", title = "No migration is pending; the schema matches the models", target = TargetKind.DB,
        phrases = {"\\bmigrations?\\b", "\\bmigrate\\b", "\\bschema (defined|creation|up to date)", "\\bmodels created"},
        related = {"flyway:validate", "django:showmigrations"})
public final class MigrationsCheck implements Check {
    /** The pending or missing migrations named in a summary; the rest are counted. */
    private static final int NAMED = 3;
    private static final List<Kind> KINDS = List.of(Kind.POSTGRESQL, Kind.MYSQL, Kind.SQLITE);

    @Override
    public Outcome run(CheckContext context) {
        if (context.repo() == null) {
            return Outcome.notApplicable("no --repo given: the migration files to compare with are in the repository");
        }
        List<MigrationFiles> tools = MigrationFiles.of(context.repo());
        if (tools.isEmpty()) {
            return Outcome.notApplicable("no Flyway, Alembic, Django, Prisma or knex migrations in the repository");
        }
        return Databases.judge(context, KINDS, facts -> judge(facts, tools));
    }

    private static Outcome judge(DatabaseFacts.Reached facts, List<MigrationFiles> tools) {
        List<Outcome> outcomes = new ArrayList<>();
        for (MigrationFiles files : tools) {
            outcomes.add(judge(files, MigrationHistory.read(facts.url(), files.tool())));
        }
        if (outcomes.size() == 1) {
            return outcomes.getFirst();
        }
        Status worst = Status.PASS;
        List<Evidence> evidence = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        String fix = null;
        for (Outcome o : outcomes) {
            worst = worst.worse(o.status());
            evidence.addAll(o.evidence());
            summaries.add(o.summary());
            fix = fix == null ? o.remediation() : fix;
        }
        return new Outcome(worst, String.join("; ", summaries), evidence, worst == Status.PASS ? null : fix, null);
    }

    static Outcome judge(MigrationFiles files, MigrationHistory history) {
        String tool = files.tool().label();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note(tool + ": " + files.ids().size() + " migration(s) in " + files.location()
                                       + ", history table " + files.tool().table()));
        String fix = fix(files.tool());
        return switch (history) {
            case MigrationHistory.Unreadable u -> Outcome.error(tool + ": " + u.reason(), evidence.toArray(Evidence[]::new));
            case MigrationHistory.Absent a -> Outcome.fail(tool + ": no " + files.tool().table() + " table, so none of the "
                                                           + files.ids().size() + " migration(s) was applied: " + named(List.copyOf(files.ids().keySet())), fix, evidence);
            case MigrationHistory.Read r -> judge(files, r, evidence, fix);
        };
    }

    private static Outcome judge(MigrationFiles files, MigrationHistory.Read history, List<Evidence> evidence, String fix) {
        String tool = files.tool().label();
        Set<String> applied = files.applied(history.applied());
        List<String> pending = new ArrayList<>();
        for (String id : files.ids().keySet()) {
            if (!applied.contains(id) && !belowBaseline(id, history.baseline())) {
                pending.add(id);
            }
        }
        List<String> failed = history.failed().stream().filter(id -> !applied.contains(id)).distinct().toList();
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(history.applied()));
        missing.removeAll(files.ids().keySet());
        evidence.add(new Evidence.Note(tool + ": " + history.applied().size() + " applied in the database"
                                       + (history.baseline() == null ? "" : ", baseline " + history.baseline())));
        pending.forEach(id -> evidence.add(new Evidence.Note("pending: " + files.ids().get(id))));
        failed.forEach(id -> evidence.add(new Evidence.Note("failed: " + id)));
        missing.forEach(id -> evidence.add(new Evidence.Note("applied but not in the repository: " + id)));
        List<String> problems = new ArrayList<>();
        if (!failed.isEmpty()) {
            problems.add(failed.size() + " failed migration(s) recorded: " + named(failed));
        }
        if (!pending.isEmpty()) {
            problems.add(pending.size() + " pending migration(s): " + named(pending));
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(tool + ": " + String.join("; ", problems), fix, evidence);
        }
        if (!missing.isEmpty()) {
            return Outcome.warn(tool + ": no migration pending, but " + missing.size() + " applied migration(s) are not in the repository: "
                                + named(missing), "Check that this is the repository deployed to this database: a migration file was deleted, "
                                                  + "renamed or not yet pulled.", evidence);
        }
        return Outcome.pass(tool + ": all " + files.ids().size() + " migration(s) applied", evidence);
    }

    private static boolean belowBaseline(String version, String baseline) {
        return baseline != null && MigrationFiles.compareFlywayVersions(version, baseline) <= 0;
    }

    private static String named(List<String> ids) {
        String shown = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())));
        return ids.size() > NAMED ? shown + " and " + (ids.size() - NAMED) + " more" : shown;
    }

    private static String fix(MigrationFiles.Tool tool) {
        return switch (tool) {
            case FLYWAY -> "Run flyway migrate (or the application's migrate step) before the release; flyway repair after fixing a failed migration.";
            case ALEMBIC -> "Run alembic upgrade head before the release.";
            case DJANGO -> "Run python manage.py migrate before the release (python manage.py showmigrations lists what is missing).";
            case PRISMA -> "Run npx prisma migrate deploy before the release; prisma migrate resolve after fixing a failed migration.";
            case KNEX -> "Run npx knex migrate:latest before the release.";
        };
    }
}
