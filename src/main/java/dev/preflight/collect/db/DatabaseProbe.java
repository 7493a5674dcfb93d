package dev.preflight.collect.db;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.preflight.collect.Memo;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.collect.redis.RedisFacts;
import dev.preflight.collect.redis.RedisProbe;

/**
 * The run's databases, each asked once: one connection per URL (and, for TLS, one more login
 * without it), read-only queries only, each bounded by {@link #QUERY_TIMEOUT}, the connection by
 * {@link #CONNECT_TIMEOUT}. The facts are shared by every db check of the run. A failed connection
 * is one line saying why (refused, authentication failed, unknown database, timed out), never the password.
 * Redis URLs are asked the same way, once each, by {@link RedisProbe} ({@link #redis}).
 */
public final class DatabaseProbe {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final List<DatabaseUrl> urls;
    private final Map<DatabaseUrl, String> origins;
    private final Map<DatabaseUrl, Memo<DatabaseFacts>> facts = new LinkedHashMap<>();
    private final Map<DatabaseUrl, Memo<RedisFacts>> redis = new LinkedHashMap<>();

    public DatabaseProbe(List<DatabaseUrl> urls) {
        this(urls, null);
    }

    /** {@code trust}: what a {@code rediss://} server's certificate is checked against ({@code --ca-cert}); null for the system's CAs. */
    public DatabaseProbe(List<DatabaseUrl> urls, TrustMaterial trust) {
        this(urls, trust, Map.of());
    }

    /** {@code origins}: the file and line of the repository's config naming each URL found there (the others were given). */
    public DatabaseProbe(List<DatabaseUrl> urls, TrustMaterial trust, Map<DatabaseUrl, String> origins) {
        this.urls = List.copyOf(urls);
        this.origins = Map.copyOf(origins);
        for (DatabaseUrl url : this.urls) {
            facts.put(url, Memo.of(() -> collect(url)));
            if (url.kind() == Kind.REDIS) {
                redis.put(url, Memo.of(() -> RedisProbe.read(url, trust)));
            }
        }
    }

    public List<DatabaseUrl> urls() {
        return urls;
    }

    /** The redacted URL, followed by "(from .env.production:3)" when the repository's config named it. */
    public String describe(DatabaseUrl url) {
        String origin = origins.get(url);
        return origin == null ? url.redacted() : url.redacted() + " (from " + origin + ")";
    }

    /** The URLs of these kinds, in the order given. */
    public List<DatabaseUrl> of(Kind... kinds) {
        List<Kind> wanted = Arrays.asList(kinds);
        return urls.stream().filter(u -> wanted.contains(u.kind())).toList();
    }

    public DatabaseFacts facts(DatabaseUrl url) {
        Memo<DatabaseFacts> memo = facts.get(url);
        if (memo == null) {
            throw new IllegalArgumentException("not a database of this run: " + url);
        }
        return memo.get();
    }

    /** What the Redis server of this URL told, asked on first use. */
    public RedisFacts redis(DatabaseUrl url) {
        Memo<RedisFacts> memo = redis.get(url);
        if (memo == null) {
            throw new IllegalArgumentException("not a Redis URL of this run: " + url);
        }
        return memo.get();
    }

    /** What a server answered a login with a password that cannot be the user's. */
    public record WrongPasswordLogin(Answer answer, String detail) {
        public enum Answer { ACCEPTED, REFUSED, UNKNOWN }
    }

    /**
     * One login as the URL's user with a random password that cannot be theirs, to learn whether
     * the server checks passwords at all (PostgreSQL {@code trust}); the session is closed at once.
     * Not memoised: only db.password-strength asks, once per URL.
     */
    public static WrongPasswordLogin loginWithWrongPassword(DatabaseUrl url) {
        if (url.user() == null || url.kind() == Kind.SQLITE || url.kind() == Kind.REDIS) {
            return new WrongPasswordLogin(WrongPasswordLogin.Answer.UNKNOWN, "no user in the URL");
        }
        String wrong = "preflight-wrong-" + UUID.randomUUID();
        DatabaseUrl probe = new DatabaseUrl(url.text(), url.kind(), url.host(), url.port(), url.database(), url.user(), wrong, url.options());
        try (Connection ignored = connect(probe, false)) {
            return new WrongPasswordLogin(WrongPasswordLogin.Answer.ACCEPTED, "logged in as " + url.user() + " with a wrong password");
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            boolean refused = state.startsWith("28") || e.getErrorCode() == 1045;
            return new WrongPasswordLogin(refused ? WrongPasswordLogin.Answer.REFUSED : WrongPasswordLogin.Answer.UNKNOWN, why(probe, e));
        }
    }

    private static DatabaseFacts collect(DatabaseUrl url) {
        if (url.kind() == Kind.SQLITE && !Files.isRegularFile(url.file())) {
            return new DatabaseFacts.Unreached(url, "no such file: " + url.file());
        }
        if (url.kind() == Kind.REDIS) {
            return new DatabaseFacts.Unreached(url, "Redis is checked by the redis.* checks");
        }
        Connection connection;
        try {
            connection = connect(url, false);
        } catch (SQLException e) {
            return new DatabaseFacts.Unreached(url, why(url, e));
        }
        try (connection) {
            return switch (url.kind()) {
                case POSTGRESQL -> PostgresFacts.read(url, connection);
                case MYSQL -> MariaDbFacts.read(url, connection);
                case SQLITE -> SqliteFacts.read(url, connection);
                case REDIS -> throw new IllegalStateException("Redis is not spoken to over JDBC");
            };
        } catch (SQLException e) {
            return new DatabaseFacts.Unreached(url, "connected to " + url.address() + ", but a read-only query failed: " + firstLine(e.getMessage(), url));
        }
    }

    /** A connection with the URL's options; {@code plain} forces TLS off, to learn whether the server insists on it. */
    static Connection connect(DatabaseUrl url, boolean plain) throws SQLException {
        Properties props = new Properties();
        url.options().forEach(props::setProperty);
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        long seconds = CONNECT_TIMEOUT.toSeconds();
        Connection c = switch (url.kind()) {
            case POSTGRESQL -> {
                props.setProperty("connectTimeout", String.valueOf(seconds));
                props.setProperty("loginTimeout", String.valueOf(seconds));
                props.setProperty("socketTimeout", String.valueOf(QUERY_TIMEOUT.toSeconds() + seconds));
                props.setProperty("readOnly", "true");
                props.setProperty("readOnlyMode", "always");
                props.setProperty("ApplicationName", "preflight");
                if (plain) {
                    props.setProperty("sslmode", "disable");
                }
                yield new org.postgresql.Driver().connect("jdbc:postgresql://" + hostPart(url) + "/" + nonNull(url.database()), props);
            }
            case MYSQL -> {
                mysqlSslMode(props);
                props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
                props.setProperty("socketTimeout", String.valueOf(QUERY_TIMEOUT.plus(CONNECT_TIMEOUT).toMillis()));
                if (plain) {
                    props.setProperty("sslMode", "disable");
                }
                yield new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://" + hostPart(url) + "/" + nonNull(url.database()), props);
            }
            case SQLITE -> {
                org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
                config.setReadOnly(true);
                config.setBusyTimeout((int) CONNECT_TIMEOUT.toMillis());
                yield new org.sqlite.JDBC().connect("jdbc:sqlite:" + url.file(), config.toProperties());
            }
            case REDIS -> throw new IllegalArgumentException("Redis is not spoken to over JDBC");
        };
        if (c == null) {
            throw new SQLException("the driver did not accept the URL");
        }
        c.setReadOnly(true);
        return c;
    }

    /** The mysql client's {@code ssl-mode} values, in the MariaDB driver's words. */
    private static void mysqlSslMode(Properties props) {
        for (String key : List.of("ssl-mode", "sslmode", "ssl_mode")) {
            String mode = (String) props.remove(key);
            if (mode != null) {
                props.setProperty("sslMode", switch (mode.toUpperCase(java.util.Locale.ROOT)) {
                    case "DISABLED", "DISABLE" -> "disable";
                    case "VERIFY_CA", "VERIFY-CA" -> "verify-ca";
                    case "VERIFY_IDENTITY", "VERIFY-FULL" -> "verify-full";
                    default -> "trust";
                });
            }
        }
    }

    private static String hostPart(DatabaseUrl url) {
        return url.address();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** One line on why a connection failed, from the driver's codes and causes; never the password. */
    static String why(DatabaseUrl url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String who = url.user() == null ? "the default user" : "user " + url.user();
        if (state.startsWith("28") || e.getErrorCode() == 1045) {
            return "authentication failed for " + who + " at " + url.address();
        }
        if (state.equals("42501") || e.getErrorCode() == 1044) {
            return who + " may not use database " + url.database() + " at " + url.address();
        }
        if (state.equals("3D000") || e.getErrorCode() == 1049) {
            return "database " + url.database() + " does not exist at " + url.address();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused at " + url.address() + " (is the server running and listening there?)";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + url.address() + " within " + CONNECT_TIMEOUT.toSeconds() + " s";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + url.host();
            }
        }
        return "cannot connect to " + url.address() + ": " + firstLine(e.getMessage(), url);
    }

    static String firstLine(String message, DatabaseUrl url) {
        if (message == null) {
            return "no reason given";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return url.password() == null || url.password().isEmpty() ? line : line.replace(url.password(), "***");
    }
}
