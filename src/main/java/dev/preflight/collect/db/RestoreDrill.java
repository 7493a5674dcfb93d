package dev.preflight.collect.db;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * Restores one backup into a scratch database and counts its rows: PostgreSQL dumps with
 * pg_restore or psql, MySQL/MariaDB dumps with the mariadb client, both into a database
 * {@code preflight_drill_<random>} created through the administrative URL and always dropped
 * afterwards (also on timeout and interruption); SQLite backups into a scratch file. The tools get
 * the password through PGPASSWORD / MYSQL_PWD, never on their command line; their standard error
 * is kept up to {@link #STDERR_CAP} bytes and they are killed at the deadline. A text dump that
 * would leave its scratch database ({@code \connect}, {@code USE}, {@code ATTACH}) is refused before
 * anything runs, so the drill writes to no database but its own.
 */
public final class RestoreDrill {
    public static final String PREFIX = "preflight_drill_";
    private static final int STDERR_CAP = 16 * 1024;
    /** Tables counted at most, on each side: the comparison is a sanity check, not an audit. */
    private static final int MAX_TABLES = 2_000;

    private RestoreDrill() {
    }

    /** What the drill found. */
    public sealed interface Result {
        /** Restored: the format, how long the restore tool (or copy) took, and the rows of each table of the restored copy. */
        record Restored(DumpFormat format, Duration took, Map<String, Long> rows) implements Result {
        }

        /** The backup failed the drill: unknown or unreadable, restoring with errors, or reaching out of its scratch database. */
        record Failed(String reason) implements Result {
        }

        /** The drill could not be judged: no scratch database could be made, a tool is missing, or the time bound was reached. */
        record Unable(String reason) implements Result {
        }

        /** A server dump, and no administrative URL of its kind to create the scratch database with. */
        record NeedsAdmin(DumpFormat format) implements Result {
        }
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

    /**
     * Restores {@code dump} through {@code admin} (null: none given; SQLite backups need none),
     * within {@code timeout}, and counts the restored rows, quickly where {@code agreement} accepts it.
     */
    public static Result run(Path dump, DatabaseUrl admin, Duration timeout, Agreement agreement) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Path work;
        try {
            work = Files.createTempDirectory("preflight-drill-");
        } catch (IOException e) {
            return new Result.Unable("cannot make a scratch directory: " + e.getMessage());
        }
        try {
            return restore(dump, admin, deadline, timeout, work, agreement);
        } finally {
            deleteTree(work);
        }
    }

    private static Result restore(Path dump, DatabaseUrl admin, Instant deadline, Duration timeout, Path work, Agreement agreement)
            throws InterruptedException {
        Path file = dump;
        DumpFormat format;
        try {
            if (DumpFormat.gzipped(head(dump), 2)) {
                file = work.resolve("dump");
                if (!gunzip(dump, file, deadline)) {
                    return new Result.Unable("decompressing " + dump.getFileName() + " took longer than " + seconds(timeout));
                }
            }
            byte[] head = head(file);
            format = DumpFormat.of(head, head.length).orElse(null);
            if (format == null) {
                return new Result.Failed(dump.getFileName() + " is not a backup the drill knows (a pg_dump, mysqldump or mariadb-dump "
                                         + "dump, an SQLite file or an sqlite3 .dump), compressed with gzip or not");
            }
            String elsewhere = elsewhere(file, format, deadline);
            if (elsewhere != null) {
                return new Result.Failed("the dump leaves its database ('" + elsewhere + "'): the drill restores only into a scratch "
                                         + "database it made; dump one database without --create / --databases");
            }
        } catch (IOException e) {
            return new Result.Failed("cannot read " + dump + ": " + e.getMessage());
        }
        if (format.kind() == Kind.SQLITE) {
            return sqlite(file, format, work, deadline, timeout);
        }
        if (admin == null || admin.kind() != format.kind()) {
            return new Result.NeedsAdmin(format);
        }
        return server(file, format, admin, deadline, timeout, agreement);
    }

    private static Result server(Path file, DumpFormat format, DatabaseUrl admin, Instant deadline, Duration timeout, Agreement agreement)
            throws InterruptedException {
        String scratch = PREFIX + String.format("%012x", ThreadLocalRandom.current().nextLong(1L << 48));
        try {
            administer(admin, "create database " + scratch);
        } catch (SQLException e) {
            return new Result.Unable("cannot create a scratch database through " + admin.redacted() + ": " + createRefusal(admin, e));
        }
        // Ctrl-C ends the JVM once the report is out, which may be before this thread's finally has run: the hook drops too.
        Thread onExit = new Thread(() -> {
            try {
                drop(admin, scratch);
            } catch (SQLException e) {
                System.err.println("preflight: the scratch database " + scratch + " could not be dropped (drop it by hand): "
                                   + DatabaseProbe.firstLine(e.getMessage(), admin));
            }
        }, "preflight-drill-drop");
        Runtime.getRuntime().addShutdownHook(onExit);
        Result result = null;
        try {
            result = restoreInto(file, format, admin, scratch, deadline, timeout, agreement);
        } finally {
            // An interrupted virtual thread would have its socket closed under it: drop first, then keep the interruption.
            boolean interrupted = Thread.interrupted();
            try {
                drop(admin, scratch);
            } catch (SQLException e) {
                result = new Result.Unable("the scratch database " + scratch + " could not be dropped (drop it by hand): "
                                           + DatabaseProbe.firstLine(e.getMessage(), admin));
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or will run; dropping twice is harmless ("if exists").
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return result;
    }

    private static void drop(DatabaseUrl admin, String scratch) throws SQLException {
        // FORCE ends a restore still connected (a tool killed at the deadline may not have closed its session yet).
        administer(admin, admin.kind() == Kind.POSTGRESQL ? "drop database if exists " + scratch + " with (force)"
                : "drop database if exists " + scratch);
    }

    private static Result restoreInto(Path file, DumpFormat format, DatabaseUrl admin, String scratch, Instant deadline, Duration timeout,
                                      Agreement agreement) throws InterruptedException {
        List<String> command = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Path stdin = null;
        switch (format) {
            case POSTGRES_CUSTOM -> command.addAll(List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"));
            case POSTGRES_SQL -> command.addAll(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file.toString()));
            default -> {
                command.addAll(List.of("mariadb", "--no-defaults", "--batch", "--sandbox", "--one-database"));
                stdin = file;
            }
        }
        if (admin.kind() == Kind.POSTGRESQL) {
            command.addAll(List.of("-h", admin.host(), "-p", String.valueOf(admin.port()), "-d", scratch));
            if (admin.user() != null) {
                command.addAll(List.of("-U", admin.user()));
            }
            if (format == DumpFormat.POSTGRES_CUSTOM) {
                command.add(file.toString());
            }
            env.put("PGCONNECT_TIMEOUT", String.valueOf(DatabaseProbe.CONNECT_TIMEOUT.toSeconds()));
            if (admin.password() != null) {
                env.put("PGPASSWORD", admin.password());
            }
        } else {
            command.addAll(List.of("--host=" + admin.host(), "--port=" + admin.port(), "--protocol=TCP",
                    "--connect-timeout=" + DatabaseProbe.CONNECT_TIMEOUT.toSeconds()));
            if (admin.user() != null) {
                command.add("--user=" + admin.user());
            }
            command.add(scratch);
            if (admin.password() != null) {
                env.put("MYSQL_PWD", admin.password());
            }
        }
        Instant start = Instant.now();
        Tool.Run run = Tool.run(command, env, stdin, deadline);
        Duration took = Duration.between(start, Instant.now());
        Result failed = failed(run, command.getFirst(), timeout, admin.password());
        if (failed != null) {
            return failed;
        }
        try (Connection c = scratchConnection(admin, scratch)) {
            return new Result.Restored(format, took, admin.kind() == Kind.POSTGRESQL ? quickRowCounts(c, agreement) : rowCounts(c, admin.kind()));
        } catch (SQLException e) {
            return new Result.Failed("restored, but the scratch copy cannot be read: " + DatabaseProbe.firstLine(e.getMessage(), admin));
        }
    }

    private static Result sqlite(Path file, DumpFormat format, Path work, Instant deadline, Duration timeout) throws InterruptedException {
        Path scratch = work.resolve("scratch.db");
        Instant start = Instant.now();
        if (format == DumpFormat.SQLITE_FILE) {
            try {
                Files.copy(file, scratch);
            } catch (IOException e) {
                return new Result.Unable("cannot copy the backup into a scratch file: " + e.getMessage());
            }
        } else {
            Result failed = failed(Tool.run(List.of("sqlite3", "-bail", "-safe", scratch.toString()), Map.of(), file, deadline), "sqlite3", timeout, null);
            if (failed != null) {
                return failed;
            }
        }
        Duration took = Duration.between(start, Instant.now());
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + scratch, config.toProperties());
             Statement s = c.createStatement()) {
            s.setQueryTimeout((int) DatabaseProbe.QUERY_TIMEOUT.toSeconds());
            try (ResultSet r = s.executeQuery("pragma quick_check")) {
                String verdict = r.next() ? r.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    return new Result.Failed("the restored SQLite database fails quick_check: " + verdict);
                }
            }
            return new Result.Restored(format, took, rowCounts(c, Kind.SQLITE));
        } catch (SQLException e) {
            return new Result.Failed("the restored SQLite database cannot be read: " + firstLines(String.valueOf(e.getMessage()), null));
        }
    }

    /** The failure a tool's run means, or null when it exited 0. */
    private static Result failed(Tool.Run run, String tool, Duration timeout, String password) {
        return switch (run) {
            case Tool.Run.Missing m -> new Result.Unable(tool + " is not installed (" + packageOf(tool) + ")");
            case Tool.Run.TimedOut t -> new Result.Unable(tool + " did not finish within " + seconds(timeout)
                                                          + " and was stopped; give the drill longer (e.g. \"restore within 30m\")");
            case Tool.Run.Exited e when e.code() == 0 -> null;
            case Tool.Run.Exited e -> new Result.Failed(tool + " failed (exit " + e.code() + "): " + firstLines(e.stderr(), password));
        };
    }

    private static String packageOf(String tool) {
        return switch (tool) {
            case "pg_restore", "psql" -> "Debian/Ubuntu package postgresql-client";
            case "mariadb" -> "Debian/Ubuntu package mariadb-client";
            default -> "Debian/Ubuntu package sqlite3";
        };
    }

    /** The first lines of a tool's standard error, at most 3 and 400 characters, the password masked. */
    static String firstLines(String stderr, String password) {
        String text = password == null || password.isEmpty() ? stderr : stderr.replace(password, "***");
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(3).toList();
        String joined = lines.isEmpty() ? "no message" : String.join(" / ", lines);
        return joined.length() > 400 ? joined.substring(0, 400) + "…" : joined;
    }

    /** The rows of each table of the connection's database ({@code schema.table} for PostgreSQL), in name order. */
    public static Map<String, Long> rowCounts(Connection c, Kind kind) throws SQLException {
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
    private static Map<String, Long> quickRowCounts(Connection c, Agreement agreement) throws SQLException {
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

    /** The format of a backup by its first bytes, looked at through gzip when compressed; empty when unknown or unreadable. */
    public static Optional<DumpFormat> format(Path dump) {
        try (InputStream file = Files.newInputStream(dump)) {
            byte[] magic = file.readNBytes(2);
            InputStream in = DumpFormat.gzipped(magic, magic.length)
                    ? new GZIPInputStream(new SequenceInputStream(new ByteArrayInputStream(magic), file)) : null;
            byte[] head = in == null ? concat(magic, file.readNBytes(DumpFormat.HEAD - magic.length)) : in.readNBytes(DumpFormat.HEAD);
            return DumpFormat.of(head, head.length);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * The rows of each table of the application's own database as it can tell them without reading
     * them all: PostgreSQL's statistics (live tuples, kept as rows are written; a table they show
     * empty is counted), exact counts for the other kinds. Read on a read-only connection of the
     * probe's. A full count of a production database would scan every table to compare with a backup.
     */
    public static Map<String, Long> liveRowCounts(DatabaseUrl live) throws SQLException {
        try (Connection c = DatabaseProbe.connect(live, false)) {
            if (live.kind() != Kind.POSTGRESQL) {
                return rowCounts(c, live.kind());
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

    /** The exact rows of one table of the live database, named as {@link #liveRowCounts} names it. */
    public static long liveRowCount(DatabaseUrl live, String table) throws SQLException {
        try (Connection c = DatabaseProbe.connect(live, false)) {
            String quoted = tables(c, live.kind()).get(table);
            if (quoted == null) {
                throw new SQLException("no table " + table + " in " + live.redacted());
            }
            return exactCount(c, quoted);
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

    /** Runs one statement through the administrative URL, on a connection of its own that may write. */
    private static void administer(DatabaseUrl admin, String sql) throws SQLException {
        try (Connection c = connection(admin, admin.database() == null ? (admin.kind() == Kind.POSTGRESQL ? "postgres" : "") : admin.database(),
                false);
             Statement s = c.createStatement()) {
            s.setQueryTimeout((int) DatabaseProbe.QUERY_TIMEOUT.toSeconds());
            s.execute(sql);
        }
    }

    private static Connection scratchConnection(DatabaseUrl admin, String scratch) throws SQLException {
        return connection(admin, scratch, true);
    }

    private static Connection connection(DatabaseUrl admin, String database, boolean readOnly) throws SQLException {
        Properties props = new Properties();
        admin.options().forEach(props::setProperty);
        if (admin.user() != null) {
            props.setProperty("user", admin.user());
        }
        if (admin.password() != null) {
            props.setProperty("password", admin.password());
        }
        long seconds = DatabaseProbe.CONNECT_TIMEOUT.toSeconds();
        Connection c;
        if (admin.kind() == Kind.POSTGRESQL) {
            props.setProperty("connectTimeout", String.valueOf(seconds));
            props.setProperty("socketTimeout", String.valueOf(DatabaseProbe.QUERY_TIMEOUT.toSeconds() + seconds));
            props.setProperty("ApplicationName", "preflight restore drill");
            c = new org.postgresql.Driver().connect("jdbc:postgresql://" + admin.address() + "/" + database, props);
        } else {
            props.setProperty("connectTimeout", String.valueOf(DatabaseProbe.CONNECT_TIMEOUT.toMillis()));
            props.setProperty("socketTimeout", String.valueOf(DatabaseProbe.QUERY_TIMEOUT.plus(DatabaseProbe.CONNECT_TIMEOUT).toMillis()));
            c = new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://" + admin.address() + "/" + database, props);
        }
        if (c == null) {
            throw new SQLException("the driver did not accept the URL");
        }
        c.setReadOnly(readOnly);
        return c;
    }

    private static String createRefusal(DatabaseUrl admin, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("42501") || e.getErrorCode() == 1044) {
            return "user " + admin.user() + " may not create databases (PostgreSQL: CREATEDB; MariaDB: CREATE and DROP on "
                   + PREFIX + "%)";
        }
        return DatabaseProbe.why(admin, e);
    }

    /** The first line of a text dump that would leave the scratch database, or null. */
    private static String elsewhere(Path file, DumpFormat format, Instant deadline) throws IOException {
        if (format.elsewhere() == null) {
            return null;
        }
        long lines = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (format.elsewhere().matcher(line).lookingAt()) {
                    return line.length() > 80 ? line.substring(0, 80) + "…" : line;
                }
                if (++lines % 100_000 == 0 && Instant.now().isAfter(deadline)) {
                    throw new IOException("reading the dump took longer than the drill's time");
                }
            }
        }
        return null;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(DumpFormat.HEAD);
        }
    }

    /** Decompresses {@code from} into {@code to}; false when the deadline came first. */
    private static boolean gunzip(Path from, Path to, Instant deadline) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from), buffer.length); OutputStream out = Files.newOutputStream(to)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is the operating system's to clean; the drill's result stands.
        }
    }

    /** A restore tool run with a deadline, its standard output discarded and its standard error kept up to a cap. */
    static final class Tool {
        sealed interface Run {
            record Exited(int code, String stderr) implements Run {
            }

            record TimedOut() implements Run {
            }

            record Missing() implements Run {
            }
        }

        static Run run(List<String> command, Map<String, String> env, Path stdin, Instant deadline) throws InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return new Run.Missing();
            }
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
            try {
                long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return new Run.TimedOut();
                }
                drain.join(Duration.ofSeconds(2));
                synchronized (stderr) {
                    return new Run.Exited(process.exitValue(), stderr.toString(StandardCharsets.UTF_8));
                }
            } finally {
                if (process.isAlive()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
        }

        /** Reads the stream to its end, keeping the first {@link #STDERR_CAP} bytes: a chatty tool must not block on a full pipe. */
        private static void drain(InputStream in, ByteArrayOutputStream kept) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (kept) {
                        int room = STDERR_CAP - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // The process was stopped: what was read is what there is.
            }
        }
    }
}
