package dev.preflight.collect.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --db} value, JDBC URL or DSN, read into its parts. The password is kept for connecting
 * and never shown: {@link #toString()} is {@link #redacted()}, the text as given with the password
 * replaced by {@code ***}.
 *
 * @param host     null for SQLite
 * @param port     the URL's port, or the kind's default
 * @param database the database name, or the file's path for SQLite; may be null
 * @param user     may be null
 * @param password may be null
 * @param options  the query parameters but user and password (sslmode, ...)
 */
public record DatabaseUrl(String text, Kind kind, String host, int port, String database, String user, String password,
                          Map<String, String> options) {

    /** The kinds of database {@code --db} names. Redis is recognised here and checked by the redis.* family. */
    public enum Kind {
        POSTGRESQL("PostgreSQL", 5432, "PGPASSWORD"), MYSQL("MySQL/MariaDB", 3306, "MYSQL_PWD"), SQLITE("SQLite", 0, null),
        REDIS("Redis", 6379, "REDISCLI_AUTH");

        private final String label;
        private final int defaultPort;
        /** The variable the kind's own client reads a password from (psql, mysql, redis-cli). */
        private final String passwordVariable;

        Kind(String label, int defaultPort, String passwordVariable) {
            this.label = label;
            this.defaultPort = defaultPort;
            this.passwordVariable = passwordVariable;
        }

        public String label() {
            return label;
        }
    }

    private static final Pattern SERVER = Pattern.compile(
            "(?<scheme>[a-z][a-z0-9+.]*)://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?(?<host>\\[[0-9a-fA-F:.]+]|[^:/?#@]*)"
            + "(?::(?<port>[^/?#]*))?(?:/(?<db>[^?#]*))?(?:\\?(?<query>[^#]*))?");
    private static final Pattern PASSWORD_IN_TEXT = Pattern.compile("(//[^:@/]*:)[^@/]*@|((?:^|[?&;])password=)[^&;]*", Pattern.CASE_INSENSITIVE);

    public DatabaseUrl {
        options = Map.copyOf(options);
    }

    /** Reads a {@code --db} value, or throws an exception whose one-line message says what is wrong (without the password). */
    public static DatabaseUrl parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty database URL");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return sqlite(t, t.substring("jdbc:sqlite:".length()));
        }
        if (lower.startsWith("sqlite://")) {
            return sqlite(t, t.substring("sqlite://".length()));
        }
        if (!lower.contains("://") && (lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3"))) {
            return sqlite(t, t);
        }
        String server = lower.startsWith("jdbc:") ? t.substring("jdbc:".length()) : t;
        Matcher m = SERVER.matcher(server);
        if (!m.matches()) {
            throw bad(t, "expected a JDBC URL (jdbc:postgresql://host/db), a DSN (postgresql://user:pass@host:5432/db) or an SQLite path");
        }
        Kind kind = switch (m.group("scheme").toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres" -> Kind.POSTGRESQL;
            case "mysql", "mariadb" -> Kind.MYSQL;
            case "redis", "rediss" -> Kind.REDIS;
            default -> throw bad(t, "unknown database kind '" + m.group("scheme")
                    + "': expected postgresql, postgres, mysql, mariadb, sqlite or redis");
        };
        String host = m.group("host");
        if (host.isEmpty()) {
            throw bad(t, "it names no host");
        }
        int port = port(t, m.group("port"), kind);
        Map<String, String> options = new LinkedHashMap<>();
        String user = decoded(m.group("user"));
        String password = decoded(m.group("password"));
        if (m.group("query") != null) {
            for (String pair : m.group("query").split("[&;]")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decoded(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decoded(pair.substring(eq + 1));
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> options.put(key, value);
                }
            }
        }
        String db = m.group("db") == null || m.group("db").isEmpty() ? null : decoded(m.group("db"));
        return new DatabaseUrl(t, kind, host.replaceAll("^\\[|]$", ""), port, db, emptyIsNull(user), emptyIsNull(password), options);
    }

    private static DatabaseUrl sqlite(String text, String path) {
        String p = path.startsWith("file:") ? path.substring("file:".length()) : path;
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        if (p.isBlank() || p.equals(":memory:")) {
            throw bad(text, "an SQLite URL names the database file, e.g. jdbc:sqlite:/var/lib/app/app.db");
        }
        return new DatabaseUrl(text, Kind.SQLITE, null, 0, Path.of(p).toString(), null, null, Map.of());
    }

    private static int port(String text, String port, Kind kind) {
        if (port == null || port.isEmpty()) {
            return kind.defaultPort;
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
            throw bad(text, "port '" + port + "' is not a number from 1 to 65535");
        }
        return Integer.parseInt(port);
    }

    private static String decoded(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyIsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("invalid database URL '" + redact(text) + "': " + why);
    }

    private static String redact(String text) {
        return PASSWORD_IN_TEXT.matcher(text).replaceAll(r -> r.group(1) != null
                ? Matcher.quoteReplacement(r.group(1) + "***@")
                : Matcher.quoteReplacement(r.group(2) + "***"));
    }

    /** The URL as given, the password replaced by {@code ***}: the only form of it that is ever shown. */
    public String redacted() {
        return redact(text);
    }

    /**
     * This URL with the password its kind's own client would take from {@code environment}
     * ({@code PGPASSWORD}, {@code MYSQL_PWD}, {@code REDISCLI_AUTH}) when the URL carries none, so
     * that no password need be written on a command line or in preflight.yaml.
     */
    public DatabaseUrl withPasswordFrom(Map<String, String> environment) {
        String fromEnvironment = password != null || kind.passwordVariable == null ? null : environment.get(kind.passwordVariable);
        if (fromEnvironment == null || fromEnvironment.isEmpty()) {
            return this;
        }
        return new DatabaseUrl(text, kind, host, port, database, user, fromEnvironment, options);
    }

    /** The SQLite file; only for {@link Kind#SQLITE}. */
    public Path file() {
        return Path.of(database);
    }

    /** Where the server is, for messages: host:port, or the SQLite file. */
    public String address() {
        return kind == Kind.SQLITE ? database : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
