package dev.preflight.collect.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Scratch databases and users on the PostgreSQL (127.0.0.1:5432, postgres by trust) and MariaDB
 * (127.0.0.1:3306, root without password) servers of this machine, named uniquely per test run and
 * dropped by {@link #close()}. Nothing else on those servers is touched. A server that is not there
 * fails the test with the driver's reason, never skips it.
 */
public final class ScratchDatabases implements AutoCloseable, AfterAllCallback {
    public static final String POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres";
    public static final String MARIADB_ADMIN = "mysql://root@127.0.0.1:3306/mysql";

    private final List<Runnable> drops = new ArrayList<>();

    /** A name no other test run uses. */
    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A database owned by a fresh login role with no administrative attribute; the URL logs in as that role. */
    public DatabaseUrl postgresWithRestrictedUser() throws SQLException {
        String name = unique("pf");
        String password = "pw-" + UUID.randomUUID();
        postgres("create role " + name + " login nosuperuser nocreatedb nocreaterole password '" + password + "'");
        drops.addFirst(() -> quietly(() -> postgres("drop role if exists " + name)));
        postgres("create database " + name + " owner " + name);
        drops.addFirst(() -> quietly(() -> postgres("drop database if exists " + name + " with (force)")));
        return DatabaseUrl.parse("postgresql://" + name + ":" + password + "@127.0.0.1:5432/" + name);
    }

    /** A scratch database that the URL reaches as the superuser postgres. */
    public DatabaseUrl postgresAsSuperuser() throws SQLException {
        String name = unique("pf");
        postgres("create database " + name);
        drops.addFirst(() -> quietly(() -> postgres("drop database if exists " + name + " with (force)")));
        return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/" + name);
    }

    /** A database and a user holding all privileges on it and nothing else. */
    public DatabaseUrl mariadbWithRestrictedUser() throws SQLException {
        String name = unique("pf");
        String password = "pw-" + UUID.randomUUID();
        mariadb("create database " + name);
        drops.addFirst(() -> quietly(() -> mariadb("drop database if exists " + name)));
        mariadb("create user '" + name + "'@'%' identified by '" + password + "'");
        drops.addFirst(() -> quietly(() -> mariadb("drop user if exists '" + name + "'@'%'")));
        mariadb("grant all privileges on " + name + ".* to '" + name + "'@'%'");
        return DatabaseUrl.parse("mysql://" + name + ":" + password + "@127.0.0.1:3306/" + name);
    }

    /** A scratch database that the URL reaches as root. */
    public DatabaseUrl mariadbAsRoot() throws SQLException {
        String name = unique("pf");
        mariadb("create database " + name);
        drops.addFirst(() -> quietly(() -> mariadb("drop database if exists " + name)));
        return DatabaseUrl.parse("mysql://root@127.0.0.1:3306/" + name);
    }

    public static void postgres(String sql) throws SQLException {
        run("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=5", sql);
    }

    public static void mariadb(String sql) throws SQLException {
        run("jdbc:mariadb://127.0.0.1:3306/mysql?user=root&connectTimeout=5000", sql);
    }

    private static void run(String jdbc, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            s.setQueryTimeout(30);
            s.execute(sql);
        }
    }

    private interface Sql {
        void run() throws SQLException;
    }

    private static void quietly(Sql sql) {
        try {
            sql.run();
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop a scratch object: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        drops.forEach(Runnable::run);
        drops.clear();
    }

    /** Registered with {@code @RegisterExtension}, the scratch objects go when the test class ends. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
