package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MySQL's and MariaDB's answers to the db checks' questions, from status, variables and grants. */
final class MariaDbFacts {
    private static final Pattern GRANT = Pattern.compile("GRANT (.+?) ON (\\S+) TO .*", Pattern.CASE_INSENSITIVE);
    /** Global privileges that reach beyond the application's data into the server's administration. */
    private static final List<String> ADMINISTRATIVE = List.of("ALL PRIVILEGES", "SUPER", "CREATE USER", "FILE", "PROCESS", "SHUTDOWN",
            "RELOAD", "GRANT OPTION", "REPLICATION SLAVE", "REPLICATION CLIENT", "BINLOG ADMIN", "CONNECTION ADMIN", "READ_ONLY ADMIN");

    private MariaDbFacts() {
    }

    static DatabaseFacts.Reached read(DatabaseUrl url, Connection c) throws SQLException {
        String version = Queries.value(c, "select version()");
        String product = version.toLowerCase(Locale.ROOT).contains("mariadb") ? "MariaDB " : "MySQL ";
        String user = Queries.value(c, "select current_user()");
        Map<String, String> status = variables(c, "show session status where Variable_name in ('Ssl_version', 'Ssl_cipher')");
        Map<String, String> settings = variables(c, "show global variables where Variable_name in ('have_ssl', 'require_secure_transport')");
        String cipher = status.getOrDefault("Ssl_cipher", "");
        DatabaseFacts.Tls tls = cipher.isEmpty()
                ? new DatabaseFacts.Tls(false, "this connection is not encrypted", false, "the server accepted this login without TLS", settings)
                : Tls.askedWithoutTls(url, status.getOrDefault("Ssl_version", "") + " " + cipher, settings);

        List<String> grants = Queries.rows(c, "show grants for current_user()").stream().map(List::getFirst).toList();
        List<String> powers = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (String grant : grants) {
            Matcher m = GRANT.matcher(grant);
            if (!m.matches()) {
                continue;
            }
            String on = m.group(2);
            boolean withGrant = grant.toUpperCase(Locale.ROOT).contains("WITH GRANT OPTION");
            if (on.equals("*.*")) {
                for (String privilege : m.group(1).split(",\\s*")) {
                    String p = privilege.strip().toUpperCase(Locale.ROOT);
                    if (ADMINISTRATIVE.contains(p)) {
                        powers.add(p + " on *.*");
                    } else if (!p.equals("USAGE")) {
                        elsewhere.add(p + " on every database (*.*)");
                    }
                }
                if (withGrant) {
                    powers.add("GRANT OPTION on *.*");
                }
            } else if (url.database() != null && !on.startsWith("`" + url.database() + "`.")) {
                elsewhere.add(m.group(1) + " on " + on);
            }
        }

        Map<String, String> timeouts = new LinkedHashMap<>();
        for (List<String> row : Queries.rowsBoundBySocket(c, "show variables where Variable_name in"
                + " ('max_execution_time', 'max_statement_time', 'lock_wait_timeout', 'innodb_lock_wait_timeout')")) {
            timeouts.put(row.get(0), row.get(1) == null ? "" : row.get(1));
        }
        Map<String, String> listen = variables(c, "show global variables where Variable_name in ('bind_address', 'skip_networking')");
        // slow_query_log is MySQL's and MariaDB's older name of MariaDB 10.11's log_slow_query; the session's long_query_time is the one applied.
        Map<String, String> logging = variables(c, "show variables where Variable_name in"
                + " ('slow_query_log', 'log_slow_query', 'long_query_time', 'log_slow_query_time', 'log_output')");
        Map<String, String> connections = variables(c, "show variables where Variable_name in ('max_connections', 'max_user_connections')");
        connections.put("connected", variables(c, "show global status where Variable_name = 'Threads_connected'").getOrDefault("Threads_connected", ""));
        return new DatabaseFacts.Reached(url, product + version, user, tls,
                new DatabaseFacts.Privileges(powers.stream().distinct().toList(), elsewhere, grants), timeouts, listen, null, logging, connections);
    }

    private static Map<String, String> variables(Connection c, String sql) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (List<String> row : Queries.rows(c, sql)) {
            values.put(row.get(0), row.get(1) == null ? "" : row.get(1));
        }
        return values;
    }
}
