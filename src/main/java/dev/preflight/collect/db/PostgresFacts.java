package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL's answers to the db checks' questions, from its catalogs and settings. */
final class PostgresFacts {
    private PostgresFacts() {
    }

    static DatabaseFacts.Reached read(DatabaseUrl url, Connection c) throws SQLException {
        String version = "PostgreSQL " + Queries.value(c, "show server_version");
        String user = Queries.value(c, "select current_user");
        List<String> tlsRow = Queries.rows(c, "select ssl::text, coalesce(version, ''), coalesce(cipher, '') from pg_stat_ssl where pid = pg_backend_pid()")
                .stream().findFirst().orElse(List.of("false", "", ""));
        boolean inUse = "true".equals(tlsRow.get(0));
        Map<String, String> settings = Map.of("ssl", Queries.value(c, "show ssl"));
        DatabaseFacts.Tls tls = inUse
                ? Tls.askedWithoutTls(url, tlsRow.get(1) + " " + tlsRow.get(2), settings)
                : new DatabaseFacts.Tls(false, "this connection is not encrypted", false, "the server accepted this login without TLS", settings);

        List<String> roleRow = Queries.rows(c, "select rolsuper::text, rolcreaterole::text, rolcreatedb::text, rolreplication::text,"
                                               + " rolbypassrls::text from pg_roles where rolname = current_user").getFirst();
        List<String> powers = new ArrayList<>();
        String[] names = {"superuser", "CREATEROLE", "CREATEDB", "REPLICATION", "BYPASSRLS"};
        for (int i = 0; i < names.length; i++) {
            if ("true".equals(roleRow.get(i))) {
                powers.add(names[i]);
            }
        }
        List<String> elsewhere = new ArrayList<>();
        for (List<String> row : Queries.rows(c, "select d.datname from pg_database d join pg_roles r on d.datdba = r.oid"
                                               + " where r.rolname = current_user and d.datname <> current_database() order by 1")) {
            elsewhere.add("owns database " + row.getFirst());
        }
        // A schema owned by a role this user is (pg_database_owner for the database's owner) is its own.
        for (List<String> row : Queries.rows(c, "select n.nspname from pg_namespace n"
                                               + " where not pg_has_role(n.nspowner, 'MEMBER') and has_schema_privilege(n.oid, 'CREATE')"
                                               + " and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema' order by 1")) {
            elsewhere.add("CREATE on schema " + row.getFirst() + " (owned by another role)");
        }
        List<String> grants = List.of("role " + user + ": " + (powers.isEmpty() ? "no administrative attributes" : String.join(", ", powers)));

        Map<String, String> timeouts = new LinkedHashMap<>();
        for (String setting : List.of("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout")) {
            timeouts.put(setting, Queries.value(c, "show " + setting));
        }
        Map<String, String> listen = Map.of("listen_addresses", Queries.value(c, "show listen_addresses"));
        Map<String, String> logging = new LinkedHashMap<>();
        logging.put("log_min_duration_statement", Queries.value(c, "show log_min_duration_statement"));
        // SHOW refuses the preload lists to a role without pg_read_all_settings; pg_settings leaves them out instead.
        for (List<String> row : Queries.rows(c, "select name, setting from pg_settings"
                                               + " where name in ('shared_preload_libraries', 'session_preload_libraries')")) {
            logging.put(row.get(0), row.get(1));
        }
        Queries.rows(c, "select extversion from pg_extension where extname = 'pg_stat_statements'").stream().findFirst()
                .ifPresent(row -> logging.put("pg_stat_statements", row.getFirst()));
        Map<String, String> connections = new LinkedHashMap<>();
        for (String setting : List.of("max_connections", "superuser_reserved_connections")) {
            connections.put(setting, Queries.value(c, "show " + setting));
        }
        connections.put("role connection limit", Queries.value(c, "select rolconnlimit::text from pg_roles where rolname = current_user"));
        connections.put("connected", Queries.value(c, "select count(*)::text from pg_stat_activity where backend_type = 'client backend'"));
        return new DatabaseFacts.Reached(url, version, user, tls, new DatabaseFacts.Privileges(powers, elsewhere, grants), timeouts, listen, null,
                logging, connections);
    }
}
