package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's foreign keys that no index serves and, on PostgreSQL, the tables read mostly by
 * sequential scans, read with one read-only connection that has the probe's connect and query timeouts.
 * System schemas are left out.
 */
public sealed interface IndexUsage {
    /** A sequential scan reads at least this many rows on average before it counts as heavy... */
    long MIN_ROWS = 10_000;
    /** ...and a table is judged only after this many of them, and more than its index scans. */
    long MIN_SEQ_SCANS = 50;

    /** @param columns the referencing columns, in the key's order */
    record ForeignKey(String table, String name, List<String> columns, String references) {
        public ForeignKey {
            columns = List.copyOf(columns);
        }
    }

    record SeqScans(String table, long seqScans, long seqRowsRead, long indexScans, long liveRows) {
        public long rowsPerScan() {
            return seqScans == 0 ? 0 : seqRowsRead / seqScans;
        }
    }

    /** @param foreignKeys how many foreign keys the schema has; {@code unindexed} those of them no index serves */
    record Read(int foreignKeys, List<ForeignKey> unindexed, List<SeqScans> heavy) implements IndexUsage {
        public Read {
            unindexed = List.copyOf(unindexed);
            heavy = List.copyOf(heavy);
        }
    }

    record Unreadable(String reason) implements IndexUsage {
    }

    /** PostgreSQL and SQLite; MySQL/MariaDB are not asked, since InnoDB indexes every foreign key itself. */
    static IndexUsage read(DatabaseUrl url) {
        Connection connection;
        try {
            connection = DatabaseProbe.connect(url, false);
        } catch (SQLException e) {
            return new Unreadable(DatabaseProbe.why(url, e));
        }
        try (connection) {
            return switch (url.kind()) {
                case POSTGRESQL -> postgres(connection);
                case SQLITE -> sqlite(connection);
                case MYSQL, REDIS -> throw new IllegalArgumentException("indexes are read from PostgreSQL and SQLite only");
            };
        } catch (SQLException e) {
            return new Unreadable("reading the catalog failed: " + DatabaseProbe.firstLine(e.getMessage(), url));
        }
    }

    /**
     * A key is served by an index (not partial) whose first columns are the key's columns in any
     * order: PostgreSQL can then find the referencing rows without reading the whole table.
     */
    private static IndexUsage postgres(Connection c) throws SQLException {
        String system = "not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'";
        int keys = Integer.parseInt(Queries.value(c, "select count(*) from pg_constraint k join pg_namespace n on n.oid = k.connamespace"
                                                     + " where k.contype = 'f' and n.nspname " + system));
        List<ForeignKey> unindexed = new ArrayList<>();
        for (List<String> row : Queries.rows(c, """
                select k.conrelid::regclass::text, k.conname, k.confrelid::regclass::text,
                       (select string_agg(a.attname, ',' order by o.n) from unnest(k.conkey) with ordinality o(attnum, n)
                        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = o.attnum)
                from pg_constraint k join pg_namespace n on n.oid = k.connamespace
                where k.contype = 'f' and n.nspname %s
                  and not exists (select 1 from pg_index i where i.indrelid = k.conrelid and i.indpred is null
                                  and (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey)
                order by 1, 2""".formatted(system))) {
            unindexed.add(new ForeignKey(row.get(0), row.get(1), List.of(row.get(3).split(",")), row.get(2)));
        }
        List<SeqScans> heavy = new ArrayList<>();
        for (List<String> row : Queries.rows(c, """
                select schemaname || '.' || relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup
                from pg_stat_user_tables
                where n_live_tup >= %d and seq_scan >= %d and seq_scan > coalesce(idx_scan, 0) and seq_tup_read / seq_scan >= %d
                order by seq_tup_read desc""".formatted(MIN_ROWS, MIN_SEQ_SCANS, MIN_ROWS))) {
            heavy.add(new SeqScans(row.get(0), Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), Long.parseLong(row.get(3)),
                    Long.parseLong(row.get(4))));
        }
        return new Read(keys, unindexed, heavy);
    }

    /** SQLite keeps no scan statistics; a key is served by an index or by the table's INTEGER PRIMARY KEY (the rowid). */
    private static IndexUsage sqlite(Connection c) throws SQLException {
        int keys = 0;
        List<ForeignKey> unindexed = new ArrayList<>();
        for (List<String> t : Queries.rows(c, "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name")) {
            String table = t.getFirst();
            String quoted = "'" + table.replace("'", "''") + "'";
            Map<String, List<String>> fks = new LinkedHashMap<>();
            Map<String, String> targets = new LinkedHashMap<>();
            for (List<String> fk : Queries.rows(c, "select id, \"from\", \"table\" from pragma_foreign_key_list(" + quoted + ") order by id, seq")) {
                fks.computeIfAbsent(fk.get(0), k -> new ArrayList<>()).add(fk.get(1));
                targets.put(fk.get(0), fk.get(2));
            }
            if (fks.isEmpty()) {
                continue;
            }
            keys += fks.size();
            List<List<String>> indexes = new ArrayList<>();
            for (List<String> index : Queries.rows(c, "select name from pragma_index_list(" + quoted + ") where partial = 0")) {
                indexes.add(Queries.rows(c, "select name from pragma_index_info('" + index.getFirst().replace("'", "''") + "') order by seqno")
                        .stream().map(List::getFirst).toList());
            }
            List<List<String>> pk = Queries.rows(c, "select name, upper(type) from pragma_table_info(" + quoted + ") where pk > 0");
            if (pk.size() == 1 && pk.getFirst().get(1).equals("INTEGER")) {
                indexes.add(List.of(pk.getFirst().getFirst()));
            }
            fks.forEach((id, columns) -> {
                if (indexes.stream().noneMatch(index -> leads(index, columns))) {
                    unindexed.add(new ForeignKey(table, "foreign key " + id, columns, targets.get(id)));
                }
            });
        }
        return new Read(keys, unindexed, List.of());
    }

    private static boolean leads(List<String> index, List<String> columns) {
        return index.size() >= columns.size() && index.subList(0, columns.size()).stream()
                .allMatch(col -> columns.stream().anyMatch(col::equalsIgnoreCase));
    }
}
