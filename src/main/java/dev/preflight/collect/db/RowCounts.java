package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * The rows of each table of a database, as the restore drill compares a restored copy with the
 * live one: exact counts, or for PostgreSQL its statistics where they can be trusted, counting
 * exactly only where they cannot. Every query is read-only and bounded by the probe's query timeout.
 */
public final class RowCounts {
    /** Tables counted at most, on each side: the comparison is a sanity check, not an audit. */
    private static final int MAX_TABLES = 2_000;

    private RowCounts() {
    }

    /**
     * Whether a quick count of a restored table (PostgreSQL's statistics, exact after a bulk load into
     * a fresh table once the loading session has reported them) agrees with what it is compared with.
     * Tables whose quick count is zero or does not agree are counted exactly, so a disagreement is
     * only ever reported on exact counts.
     */
    @FunctionalInterface
    public interface Agreement {
        Agreement NONE = (table, quick) -> false;

        boolean agrees(String table, long quick);
    }

    /** The rows of each table of the connection's database ({@code schema.table} for PostgreSQL), in name order. */
    public static Map<String, Long> exact(Connection c, Kind kind) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tables(c, kind).entrySet()) {
            rows.put(t.getKey(), exactCount(c, t.getValue()));
        }
        return rows;
    }

    /**
     * The rows of each table of a freshly restored PostgreSQL copy: its statistics' live tuples where
     * {@code agreement} accepts them, else {@code count(*)}. Counting a large restored table costs a
     * full scan; its statistics already hold the number the bulk load inserted.
     */
    static Map<String, Long> restored(Connection c, Agreement agreement) throws SQLException {
        Map<String, Long> quick = statistics(c);
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : tables(c, Kind.POSTGRESQL).entrySet()) {
            long estimate = quick.getOrDefault(t.getKey(), 0L);
            rows.put(t.getKey(), estimate > 0 && agreement.agrees(t.getKey(), estimate) ? estimate : exactCount(c, t.getValue()));
        }
        return rows;
    }

    /** The tables of the connection's database, name to quoted name, in name order, at most {@link #MAX_TABLES}. */
    private static Map<String, String> tables(Connection c, Kind kind) throws SQLException {
        String list = switch (kind) {
            case POSTGRESQL -> "select table_schema || '.' || table_name, quote_ident(table_schema) || '.' || quote_ident(table_name)"
                               + " from information_schema.tables where table_type = 'BASE TABLE'"
                               + " and table_schema not in ('pg_catalog', 'information_schema') order by 1";
            case MYSQL -> "select table_name, concat('`', replace(table_name, '`', '``'), '`') from information_schema.tables"
                          + " where table_schema = database() and table_type = 'BASE TABLE' order by 1";
            case SQLITE -> "select name, '\"' || replace(name, '\"', '\"\"') || '\"' from sqlite_master"
                           + " where type = 'table' and name not like 'sqlite_%' order by 1";
            case REDIS -> throw new IllegalArgumentException("Redis has no tables");
        };
        Map<String, String> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout((int) DatabaseProbe.QUERY_TIMEOUT.toSeconds());
            s.setMaxRows(MAX_TABLES);
            try (ResultSet r = s.executeQuery(list)) {
                while (r.next()) {
                    tables.put(r.getString(1), r.getString(2));
                }
            }
        }
        return tables;
    }

    private static long exactCount(Connection c, String quotedTable) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout((int) DatabaseProbe.QUERY_TIMEOUT.toSeconds());
            try (ResultSet r = s.executeQuery("select count(*) from " + quotedTable)) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * The rows of each table of the application's own database as it can tell them without reading
     * them all: PostgreSQL's statistics (live tuples, kept as rows are written; a table they show
     * empty is counted), exact counts for the other kinds. Read on a read-only connection of the
     * probe's. A full count of a production database would scan every table to compare with a backup.
     */
    public static Map<String, Long> live(DatabaseUrl live) throws SQLException {
        try (Connection c = DatabaseProbe.connect(live, false)) {
            if (live.kind() != Kind.POSTGRESQL) {
                return exact(c, live.kind());
            }
            Map<String, Long> estimates = statistics(c);
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Map.Entry<String, String> t : tables(c, Kind.POSTGRESQL).entrySet()) {
                long estimate = estimates.getOrDefault(t.getKey(), 0L);
                rows.put(t.getKey(), estimate > 0 ? estimate : exactCount(c, t.getValue()));
            }
            return rows;
        }
    }

    /** The exact rows of these tables of the live database, named as {@link #live} names them, counted on one connection. */
    public static Map<String, Long> exactLive(DatabaseUrl live, Collection<String> names) throws SQLException {
        try (Connection c = DatabaseProbe.connect(live, false)) {
            Map<String, String> tables = tables(c, live.kind());
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String table : names) {
                String quoted = tables.get(table);
                if (quoted == null) {
                    throw new SQLException("no table " + table + " in " + live.redacted());
                }
                rows.put(table, exactCount(c, quoted));
            }
            return rows;
        }
    }

    /** PostgreSQL's live tuples per table ({@code schema.table}), from the statistics it keeps as rows are written. */
    private static Map<String, Long> statistics(Connection c) throws SQLException {
        Map<String, Long> live = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout((int) DatabaseProbe.QUERY_TIMEOUT.toSeconds());
            try (ResultSet r = s.executeQuery("select schemaname || '.' || relname, n_live_tup from pg_stat_user_tables")) {
                while (r.next()) {
                    live.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return live;
    }
}
