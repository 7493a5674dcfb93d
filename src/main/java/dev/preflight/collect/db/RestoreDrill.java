package dev.preflight.collect.db;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
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
 * is kept up to {@link ToolRun#STDERR_CAP} bytes and they are killed at the deadline. A text dump that
 * would leave its scratch database ({@code \connect}, {@code USE}, {@code ATTACH}) is refused before
 * anything runs, so the drill writes to no database but its own.
 */
public final class RestoreDrill {
    public static final String PREFIX = "preflight_drill_";

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
     * Restores {@code dump} through {@code admin} (null: none given; SQLite backups need none),
     * within {@code timeout}, and counts the restored rows, quickly where {@code agreement} accepts it.
     */
    public static Result run(Path dump, DatabaseUrl admin, Duration timeout, RowCounts.Agreement agreement) throws InterruptedException {
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

    private static Result restore(Path dump, DatabaseUrl admin, Instant deadline, Duration timeout, Path work,
                                  RowCounts.Agreement agreement) throws InterruptedException {
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

    private static Result server(Path file, DumpFormat format, DatabaseUrl admin, Instant deadline, Duration timeout,
                                 RowCounts.Agreement agreement) throws InterruptedException {
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
                                      RowCounts.Agreement agreement) throws InterruptedException {
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
        ToolRun.Run run = ToolRun.run(command, env, stdin, deadline);
        Duration took = Duration.between(start, Instant.now());
        Result failed = failed(run, command.getFirst(), timeout, admin.password());
        if (failed != null) {
            return failed;
        }
        try (Connection c = scratchConnection(admin, scratch)) {
            return new Result.Restored(format, took, admin.kind() == Kind.POSTGRESQL ? RowCounts.restored(c, agreement) : RowCounts.exact(c, admin.kind()));
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
            Result failed = failed(ToolRun.run(List.of("sqlite3", "-bail", "-safe", scratch.toString()), Map.of(), file, deadline), "sqlite3", timeout, null);
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
            return new Result.Restored(format, took, RowCounts.exact(c, Kind.SQLITE));
        } catch (SQLException e) {
            return new Result.Failed("the restored SQLite database cannot be read: " + firstLines(String.valueOf(e.getMessage()), null));
        }
    }

    /** The failure a tool's run means, or null when it exited 0. */
    private static Result failed(ToolRun.Run run, String tool, Duration timeout, String password) {
        return switch (run) {
            case ToolRun.Run.Missing m -> new Result.Unable(tool + " is not installed (" + packageOf(tool) + ")");
            case ToolRun.Run.TimedOut t -> new Result.Unable(tool + " did not finish within " + seconds(timeout)
                                                          + " and was stopped; give the drill longer (e.g. \"restore within 30m\")");
            case ToolRun.Run.Exited e when e.code() == 0 -> null;
            case ToolRun.Run.Exited e -> new Result.Failed(tool + " failed (exit " + e.code() + "): " + firstLines(e.stderr(), password));
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
}
