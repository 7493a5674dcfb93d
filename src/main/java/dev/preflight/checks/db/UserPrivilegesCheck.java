package dev.preflight.checks.db;

import java.util.ArrayList;
import java.util.List;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * The user in the application's URL holds no administrative power (superuser, role or database
 * creation; SUPER or ALL on *.*) and nothing outside its own database: a SQL injection or a leaked
 * URL then reaches one database, not the server.
 */
@CheckInfo(id = "db.user-privileges", title = "The application's database user is not a superuser and holds only what it needs",
        target = TargetKind.DB,
        phrases = {"\\bdatabase user", "\\bdb user", "\\bprivileges?\\b", "\\bsuperuser", "\\b(postgres\\w*|mysql|mariadb)\\b.*\\b(user|role)s?\\b"},
        related = {"cis-postgresql:4.x", "cis-mysql:4.x"})
public final class UserPrivilegesCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL), UserPrivilegesCheck::judge);
    }

    private static Outcome judge(DatabaseFacts.Reached facts) {
        DatabaseFacts.Privileges p = facts.privileges();
        List<Evidence> evidence = new ArrayList<>();
        p.grants().forEach(g -> evidence.add(new Evidence.Note(g)));
        p.powers().forEach(power -> evidence.add(new Evidence.Note("administrative: " + power)));
        p.elsewhere().forEach(e -> evidence.add(new Evidence.Note("beyond its database: " + e)));
        if (p.powers().isEmpty() && p.elsewhere().isEmpty()) {
            return Outcome.pass("user " + facts.user() + " holds no administrative power and nothing beyond its database", evidence);
        }
        List<String> found = new ArrayList<>(p.powers());
        found.addAll(p.elsewhere());
        return Outcome.fail("user " + facts.user() + " holds more than the application needs: " + String.join(", ", found),
                "Give the application a user of its own that owns only its database (PostgreSQL: CREATE ROLE app LOGIN"
                + " NOSUPERUSER NOCREATEDB NOCREATEROLE; CREATE DATABASE app OWNER app; MariaDB: GRANT SELECT, INSERT,"
                + " UPDATE, DELETE ON app.* TO 'app'@'host'), and keep postgres/root for administration.", evidence);
    }
}
