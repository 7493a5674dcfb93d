package dev.preflight.collect.db;

import java.util.List;
import java.util.Map;

/** What one connection to a database told, or why there was none. Collected once per run and URL by {@link DatabaseProbe}. */
public sealed interface DatabaseFacts {

    DatabaseUrl url();

    /** The connection failed; {@code reason} is one line ("authentication failed for user app"), never the password. */
    record Unreached(DatabaseUrl url, String reason) implements DatabaseFacts {
    }

    /**
     * The server answered. Parts a kind does not have are null: SQLite has no TLS, privileges or
     * timeouts; the servers have no {@link Sqlite} facts.
     *
     * @param user     the user the server says this session runs as (current_user)
     * @param timeouts the server's statement, lock and idle timeouts for this session, by setting name, as the server shows them
     * @param listen   the server's listening settings as it shows them (listen_addresses; bind_address, skip_networking)
     * @param logging  the slow-query logging settings as this session sees them (log_min_duration_statement, pg_stat_statements;
     *                 slow_query_log, long_query_time), empty when not asked
     * @param connections the connection limits and the connections open now (max_connections, superuser_reserved_connections,
     *                 the role's limit; max_user_connections; "connected"), empty when not asked
     */
    record Reached(DatabaseUrl url, String version, String user, Tls tls, Privileges privileges, Map<String, String> timeouts,
                   Map<String, String> listen, Sqlite sqlite, Map<String, String> logging, Map<String, String> connections)
            implements DatabaseFacts {
        public Reached {
            timeouts = timeouts == null ? null : Map.copyOf(timeouts);
            listen = listen == null ? null : Map.copyOf(listen);
            logging = Map.copyOf(logging);
            connections = Map.copyOf(connections);
        }

        /** Facts without logging or connection settings (SQLite has none). */
        public Reached(DatabaseUrl url, String version, String user, Tls tls, Privileges privileges, Map<String, String> timeouts,
                       Map<String, String> listen, Sqlite sqlite) {
            this(url, version, user, tls, privileges, timeouts, listen, sqlite, Map.of(), Map.of());
        }
    }

    /**
     * TLS on this connection and whether the server insists on it.
     *
     * @param detail   the protocol and cipher in use, or what the server says about TLS when none is
     * @param required the server refused the same login without TLS; null when that was not tried (the connection was plain)
     * @param refusal  what the server answered the login without TLS, or how a plain connection is let in
     * @param settings the server's TLS settings worth showing (ssl, require_secure_transport), by name
     */
    record Tls(boolean inUse, String detail, Boolean required, String refusal, Map<String, String> settings) {
        public Tls {
            settings = Map.copyOf(settings);
        }
    }

    /**
     * What the session's user may do beyond its own data.
     *
     * @param powers     administrative powers, each a short phrase ("superuser", "CREATEROLE", "SUPER on *.*")
     * @param elsewhere  what it holds outside its own database ("owns database billing", "ALL PRIVILEGES on `billing`.*")
     * @param grants     the grants or role attributes as the server lists them, for evidence
     */
    record Privileges(List<String> powers, List<String> elsewhere, List<String> grants) {
        public Privileges {
            powers = List.copyOf(powers);
            elsewhere = List.copyOf(elsewhere);
            grants = List.copyOf(grants);
        }
    }

    /** @param integrity the rows of {@code PRAGMA integrity_check}: exactly "ok" when the file is sound */
    record Sqlite(String journalMode, List<String> integrity) {
        public Sqlite {
            integrity = List.copyOf(integrity);
        }

        public boolean intact() {
            return integrity.equals(List.of("ok"));
        }
    }
}
