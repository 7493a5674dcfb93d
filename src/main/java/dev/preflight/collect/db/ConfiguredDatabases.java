package dev.preflight.collect.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.CannotParse;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.SpringProperties;

/**
 * The databases the repository's config names for its deployments, each with the file and line
 * that says so: URL variables ({@code DATABASE_URL}, {@code REDIS_URL}, ...) in {@code .env*}
 * files, compose {@code environment:} and Kubernetes manifests; Spring's
 * {@code spring.datasource.url} with its username and password; Django's {@code DATABASES}. And the
 * database passwords written there ({@code POSTGRES_PASSWORD}, {@code MYSQL_PASSWORD},
 * {@code DB_PASSWORD}, ...). Templates ({@code .env.example}) and development or test files are
 * left out. {@code ${VAR}} and {@code ${VAR:-default}} are resolved from the given environment; a
 * value that stays unresolved is a note, not a URL.
 */
public record ConfiguredDatabases(List<Found> urls, List<Password> passwords, List<String> notes) {

    /** A database URL and where the config names it ("file:line"). */
    public record Found(DatabaseUrl url, String where) {
        public String describe() {
            return url.redacted() + " (from " + where + ")";
        }
    }

    /** A database password written in the config: {@code key} names it, {@code user} when the same place names one. */
    public record Password(String where, String key, String user, String value) {
    }

    private static final Pattern URL_KEY = Pattern.compile(
            "^((\\w+_)?(DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|REDIS)_(URL|URI|DSN)|SQLALCHEMY_DATABASE_URI)$");
    private static final Pattern PASSWORD_KEY = Pattern.compile(
            "^((\\w+_)?(DATABASE|DB|POSTGRES|POSTGRESQL|MYSQL|MARIADB)(_ROOT)?_(PASSWORD|PASS|PWD)|PGPASSWORD)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-?([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DRIVER_SUFFIX = Pattern.compile("^(jdbc:)?([a-z]+)\\+[a-z0-9_]+://");
    private static final Pattern DJANGO_ENGINE = Pattern.compile("django\\.db\\.backends\\.(postgresql\\w*|mysql|sqlite3)|postgis|mysql|spatialite");

    public ConfiguredDatabases {
        urls = List.copyOf(urls);
        passwords = List.copyOf(passwords);
        notes = List.copyOf(notes);
    }

    /** The repository's databases with placeholders resolved from this process's environment, read once per run. */
    public static ConfiguredDatabases of(RepoSnapshot repo) {
        return repo.derived("configured-databases", r -> find(r, System.getenv()));
    }

    public static ConfiguredDatabases find(RepoSnapshot repo, Map<String, String> environment) {
        Finder f = new Finder(environment);
        for (DeployEnvironment.Setting s : DeployEnvironment.of(repo).settings()) {
            if (DeployEnvironment.isTemplate(s.file()) || DeployEnvironment.isDevelopment(s.file())) {
                continue;
            }
            String key = s.key().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            if (URL_KEY.matcher(key).matches()) {
                f.resolve(s.where(), s.key(), s.value()).ifPresent(v -> f.url(s.where(), s.key(), v));
            } else if (PASSWORD_KEY.matcher(key).matches()) {
                f.resolve(s.where(), s.key(), s.value()).ifPresent(v -> f.passwords.add(new Password(s.where(), s.key(), null, v)));
            }
        }
        for (String file : repo.files()) {
            if (SpringProperties.isProductionConfig(file)) {
                spring(f, file, repo.read(file).orElse(""));
            } else if (file.endsWith(".py") && (file.endsWith("settings.py") || file.matches("(.*/)?settings/[^/]+\\.py"))
                       && !DeployEnvironment.isDevelopment(file.substring(file.lastIndexOf('/') + 1))) {
                django(f, file, repo.read(file).orElse(""), repo.root());
            }
        }
        return new ConfiguredDatabases(new ArrayList<>(f.urls.values()), f.passwords, f.notes);
    }

    private static void spring(Finder f, String file, String text) {
        Map<String, SpringProperties.Setting> settings;
        try {
            settings = SpringProperties.read(file, text);
        } catch (CannotParse e) {
            f.notes.add(file + ":" + e.line() + ": " + e.describe());
            return;
        }
        SpringProperties.Setting url = settings.get("spring.datasource.url");
        SpringProperties.Setting user = settings.get("spring.datasource.username");
        SpringProperties.Setting password = settings.get("spring.datasource.password");
        Optional<String> u = user == null ? Optional.empty() : f.resolve(file + ":" + user.line(), "spring.datasource.username", user.value());
        if (password != null) {
            f.resolve(file + ":" + password.line(), "spring.datasource.password", password.value())
                    .ifPresent(p -> f.passwords.add(new Password(file + ":" + password.line(), "spring.datasource.password", u.orElse(null), p)));
        }
        if (url == null) {
            return;
        }
        f.resolve(file + ":" + url.line(), "spring.datasource.url", url.value()).ifPresent(written -> {
            StringBuilder full = new StringBuilder(written);
            u.ifPresent(v -> full.append(full.indexOf("?") >= 0 ? "&" : "?").append("user=").append(encode(v)));
            f.passwords.stream().filter(p -> p.key().equals("spring.datasource.password") && p.where().startsWith(file + ":")).findFirst()
                    .ifPresent(p -> full.append(full.indexOf("?") >= 0 ? "&" : "?").append("password=").append(encode(p.value())));
            f.url(file + ":" + url.line(), "spring.datasource.url", full.toString());
        });
    }

    /**
     * Django's DATABASES aliases whose parts are written, or read from the environment with
     * os.environ / os.getenv; a relative SQLite NAME is taken from the repository's root, where
     * manage.py runs.
     */
    private static void django(Finder f, String file, String text, Path root) {
        PythonSettings settings = PythonSettings.parse(file, text);
        Optional<PythonSettings.Assignment> databases = settings.get("DATABASES");
        if (databases.isEmpty() || !(databases.get().value() instanceof PythonSettings.Dict aliases)) {
            return;
        }
        String where = file + ":" + databases.get().line();
        aliases.entries().forEach((alias, value) -> {
            if (!(value instanceof PythonSettings.Dict d)) {
                return;
            }
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : List.of("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")) {
                d.get(part).flatMap(v -> switch (v) {
                    case PythonSettings.Str s -> Optional.of(s.text());
                    case PythonSettings.Num n -> Optional.of(String.valueOf(n.value()));
                    case PythonSettings.FromEnv e -> Optional.ofNullable(f.environment.get(e.variable()))
                            .or(() -> e.fallback().filter(PythonSettings.Str.class::isInstance).map(x -> ((PythonSettings.Str) x).text()));
                    default -> Optional.empty();
                }).ifPresent(v -> parts.put(part, v));
            }
            String label = "DATABASES['" + alias + "']";
            if (parts.containsKey("PASSWORD")) {
                f.passwords.add(new Password(where, label + "['PASSWORD']", parts.get("USER"), parts.get("PASSWORD")));
            }
            Matcher engine = DJANGO_ENGINE.matcher(parts.getOrDefault("ENGINE", ""));
            if (!engine.find() || !parts.containsKey("NAME")) {
                return;
            }
            String kind = engine.group().contains("sqlite") || engine.group().contains("spatialite") ? "sqlite"
                    : engine.group().contains("mysql") ? "mysql" : "postgresql";
            if (kind.equals("sqlite")) {
                f.url(where, label, "jdbc:sqlite:" + root.resolve(parts.get("NAME")));
                return;
            }
            String credentials = parts.containsKey("USER")
                    ? encode(parts.get("USER")) + (parts.containsKey("PASSWORD") ? ":" + encode(parts.get("PASSWORD")) : "") + "@" : "";
            String host = parts.getOrDefault("HOST", "").isEmpty() ? "localhost" : parts.get("HOST");
            String port = parts.getOrDefault("PORT", "").isEmpty() ? "" : ":" + parts.get("PORT");
            f.url(where, label, kind + "://" + credentials + host + port + "/" + encode(parts.get("NAME")));
        });
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The findings so far and the environment placeholders are resolved from. */
    private static final class Finder {
        final Map<String, String> environment;
        final Map<String, Found> urls = new LinkedHashMap<>();
        final List<Password> passwords = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Finder(Map<String, String> environment) {
            this.environment = environment;
        }

        /** The value with its placeholders filled in, or empty (and a note) when one is not set and has no default. */
        Optional<String> resolve(String where, String key, String value) {
            Matcher m = PLACEHOLDER.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(3);
                String v = environment.get(name);
                if (v == null || v.isEmpty()) {
                    v = m.group(2);
                }
                if (v == null) {
                    notes.add(where + ": " + key + " takes ${" + name + "}, which is not set in this environment");
                    return Optional.empty();
                }
                m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            return Optional.of(out.toString());
        }

        void url(String where, String key, String text) {
            String normalised = DRIVER_SUFFIX.matcher(text.strip()).replaceFirst("$1$2://");
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(normalised);
            } catch (IllegalArgumentException e) {
                notes.add(where + ": " + key + ": " + e.getMessage());
                return;
            }
            urls.putIfAbsent(url.text(), new Found(url, where));
            if (url.password() != null) {
                passwords.add(new Password(where, key, url.user(), url.password()));
            }
        }
    }
}
