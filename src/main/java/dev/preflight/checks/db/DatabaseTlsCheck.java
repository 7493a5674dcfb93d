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
 * The connection the application's URL makes is encrypted, and the server refuses the same login
 * without TLS: a server that merely offers TLS lets a misconfigured client, or an attacker in the
 * path who strips it, talk in the clear.
 */
@CheckInfo(id = "db.tls", title = "Connections to the database use TLS and the server requires it", target = TargetKind.DB,
        phrases = {"\\b(database|db|connection) (ssl|tls)\\b", "\\bsslmode", "\\bssl (enabled|required) (on|for) (the )?(database|db|connection)"},
        related = {"cis-postgresql:6.7", "cis-mysql:4.x require_secure_transport"})
public final class DatabaseTlsCheck implements Check {
    private static final String FIX_CLIENT = "Turn TLS on in the server (PostgreSQL: ssl = on with ssl_cert_file/ssl_key_file; MariaDB: ssl_cert,"
                                             + " ssl_key) and in the URL (sslmode=verify-full for PostgreSQL, sslMode=verify-full for MariaDB).";
    private static final String FIX_SERVER = "Make the server refuse plain logins: PostgreSQL hostssl (not host) lines in pg_hba.conf for the"
                                             + " application's user; MariaDB/MySQL require_secure_transport = ON or ALTER USER ... REQUIRE SSL.";

    @Override
    public Outcome run(CheckContext context) {
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL), DatabaseTlsCheck::judge);
    }

    static Outcome judge(DatabaseFacts.Reached facts) {
        DatabaseFacts.Tls tls = facts.tls();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("TLS on this connection: " + tls.detail()));
        evidence.add(new Evidence.Note("login without TLS: " + tls.refusal()));
        tls.settings().forEach((name, value) -> evidence.add(new Evidence.Note("server setting " + name + " = " + value)));
        if (!tls.inUse()) {
            return Outcome.fail("the connection to " + facts.url().address() + " is not encrypted and the server accepts plain logins",
                    FIX_CLIENT + " " + FIX_SERVER, evidence);
        }
        if (!Boolean.TRUE.equals(tls.required())) {
            return Outcome.fail("TLS is in use (" + tls.detail() + "), but the server also accepts the same login without it",
                    FIX_SERVER, evidence);
        }
        return Outcome.pass("TLS in use (" + tls.detail() + ") and required: a login without it is refused", evidence);
    }
}
