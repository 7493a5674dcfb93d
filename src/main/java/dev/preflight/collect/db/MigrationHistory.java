package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.collect.db.MigrationFiles.Tool;

/**
 * A migration tool's history table, read with one read-only connection that has the probe's
 * connect and query timeouts.
 */
public sealed interface MigrationHistory {
    int MAX_ROWS = 100_000;

    /**
     * The table is there: the migrations it records as applied, and the ones it records as failed or half done.
     *
     * @param baseline Flyway's baseline version, below which the files count as applied; null when there is none
     */
    record Read(List<String> applied, List<String> failed, String baseline) implements MigrationHistory {
        public Read {
            applied = List.copyOf(applied);
            failed = List.copyOf(failed);
        }
    }

    /** The database has no such table: the tool never ran against it. */
    record Absent() implements MigrationHistory {
    }

    /** The table could not be read; {@code reason} is one line (no connection, permission denied), never the password. */
    record Unreadable(String reason) implements MigrationHistory {
    }

    /** The tool's table in the URL's database, looked up under its default name in the default schema. */
    static MigrationHistory read(DatabaseUrl url, Tool tool) {
        Connection connection;
        try {
            connection = DatabaseProbe.connect(url, false);
        } catch (SQLException e) {
            return new Unreadable(DatabaseProbe.why(url, e));
        }
        try (connection) {
            if (!exists(connection, url.kind(), tool.table())) {
                return new Absent();
            }
            return switch (tool) {
                case FLYWAY -> flyway(connection);
                case ALEMBIC -> new Read(column(connection, "select version_num from alembic_version"), List.of(), null);
                case DJANGO -> new Read(column(connection, url.kind() == Kind.MYSQL ? "select concat(app, '.', name) from django_migrations"
                                                                                   : "select app || '.' || name from django_migrations"), List.of(), null);
                case PRISMA -> prisma(connection);
                case KNEX -> new Read(column(connection, "select name from knex_migrations"), List.of(), null);
            };
        } catch (SQLException e) {
            return new Unreadable(denied(e) ? "permission denied to read " + tool.table() + " as " + (url.user() == null ? "the default user" : url.user())
                                            : "reading " + tool.table() + " failed: " + DatabaseProbe.firstLine(e.getMessage(), url));
        }
    }

    private static boolean denied(SQLException e) {
        return "42501".equals(e.getSQLState()) || e.getErrorCode() == 1142 || e.getErrorCode() == 1044;
    }

    private static boolean exists(Connection c, Kind kind, String table) throws SQLException {
        String sql = switch (kind) {
            case POSTGRESQL -> "select to_regclass('" + table + "') is not null";
            case MYSQL -> "select count(*) > 0 from information_schema.tables where table_schema = database() and table_name = '" + table + "'";
            case SQLITE -> "select count(*) > 0 from sqlite_master where type = 'table' and name = '" + table + "'";
            case REDIS -> throw new IllegalArgumentException("Redis keeps no migration history");
        };
        String v = Queries.value(c, sql);
        return "t".equals(v) || "true".equals(v) || "1".equals(v);
    }

    /** Flyway: versioned rows by version (repeatable and baseline rows are not files to apply), failed rows apart. */
    private static MigrationHistory flyway(Connection c) throws SQLException {
        List<String> applied = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String baseline = null;
        for (List<String> row : Queries.rows(c, "select version, success, type from flyway_schema_history where version is not null order by installed_rank",
                MAX_ROWS)) {
            String version = MigrationFiles.flywayVersion(row.get(0));
            boolean success = "t".equals(row.get(1)) || "true".equals(row.get(1)) || "1".equals(row.get(1));
            if (!success) {
                failed.add(version);
            } else if ("BASELINE".equals(row.get(2))) {
                baseline = version;
            } else {
                applied.add(version);
            }
        }
        return new Read(applied, failed, baseline);
    }

    /** Prisma: finished and not rolled back is applied; neither finished nor rolled back is a failed migration. */
    private static MigrationHistory prisma(Connection c) throws SQLException {
        List<String> applied = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (List<String> row : Queries.rows(c, "select migration_name, finished_at, rolled_back_at from _prisma_migrations order by started_at", MAX_ROWS)) {
            if (row.get(2) != null) {
                continue;
            }
            (row.get(1) == null ? failed : applied).add(row.get(0));
        }
        return new Read(applied, failed, null);
    }

    private static List<String> column(Connection c, String sql) throws SQLException {
        return Queries.rows(c, sql, MAX_ROWS).stream().map(List::getFirst).toList();
    }
}
