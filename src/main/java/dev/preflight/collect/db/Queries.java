package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Read-only queries, each bounded by the probe's query timeout; values as text. */
final class Queries {
    private Queries() {
    }

    /** Rows enough for settings and catalogs. */
    private static final int MAX_ROWS = 1_000;

    static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        return rows(connection, sql, true, MAX_ROWS);
    }

    /** Up to {@code maxRows} rows, for tables that grow with the application (a migration history). */
    static List<List<String>> rows(Connection connection, String sql, int maxRows) throws SQLException {
        return rows(connection, sql, true, maxRows);
    }

    /**
     * The MariaDB driver enforces a query timeout by running the statement under {@code SET STATEMENT
     * max_statement_time=...}, which would then be the value a query of that setting reads; such a
     * query goes without it, bounded by the connection's socket timeout instead.
     */
    static List<List<String>> rowsBoundBySocket(Connection connection, String sql) throws SQLException {
        return rows(connection, sql, false, MAX_ROWS);
    }

    private static List<List<String>> rows(Connection connection, String sql, boolean statementTimeout, int maxRows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (statementTimeout) {
                statement.setQueryTimeout((int) DatabaseProbe.QUERY_TIMEOUT.toSeconds());
            }
            statement.setMaxRows(maxRows);
            try (ResultSet rs = statement.executeQuery(sql)) {
                int columns = rs.getMetaData().getColumnCount();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The first column of the first row, or null when there is no row. */
    static String value(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = rows(connection, sql);
        return rows.isEmpty() ? null : rows.getFirst().getFirst();
    }
}
