package dev.preflight.collect.db;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.RepoSnapshot;

/**
 * The migrations one tool keeps in the repository, each named as that tool's history table names
 * it: Flyway's version, Alembic's revision, Django's "app.name", Prisma's directory, knex's file name.
 *
 * @param location where they live, for the evidence ("src/main/resources/db/migration")
 * @param ids      the migrations by id, each with its file, in the tool's order
 * @param parents  Alembic's down_revision graph (revision to the revisions it follows); empty for the other tools
 */
public record MigrationFiles(Tool tool, String location, Map<String, String> ids, Map<String, List<String>> parents) {

    public enum Tool {
        FLYWAY("Flyway", "flyway_schema_history"),
        ALEMBIC("Alembic", "alembic_version"),
        DJANGO("Django", "django_migrations"),
        PRISMA("Prisma", "_prisma_migrations"),
        KNEX("knex", "knex_migrations");

        private final String label;
        private final String table;

        Tool(String label, String table) {
            this.label = label;
            this.table = table;
        }

        public String label() {
            return label;
        }

        /** The history table the tool writes by default. */
        public String table() {
            return table;
        }
    }

    private static final Pattern FLYWAY = Pattern.compile("(?:^|.*/)db/migration/(?:.*/)?V([0-9][0-9._]*)__[^/]*\\.sql");
    private static final Pattern ALEMBIC = Pattern.compile("(.*/)?versions/[^/]+\\.py");
    private static final Pattern ALEMBIC_REVISION = Pattern.compile("(?m)^revision\\s*(?::[^=\\n]*)?=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern ALEMBIC_DOWN = Pattern.compile("(?m)^down_revision\\s*(?::[^=\\n]*)?=\\s*(.+)$");
    private static final Pattern QUOTED = Pattern.compile("['\"]([^'\"]+)['\"]");
    private static final Pattern DJANGO = Pattern.compile("(?:.*/)?([A-Za-z_][A-Za-z0-9_]*)/migrations/([0-9]{4}_[A-Za-z0-9_]*)\\.py");
    private static final Pattern PRISMA = Pattern.compile("(.*/)?prisma/migrations/([^/]+)/migration\\.sql");
    private static final Pattern KNEX = Pattern.compile("(.*/)?migrations/([^/]+\\.(?:js|ts|cjs|mjs))");
    private static final Pattern KNEX_UP = Pattern.compile("exports\\.up\\b|export\\s+(?:async\\s+)?function\\s+up\\b|\\bup\\s*[:=]\\s*(?:async\\s*)?(?:function|\\()");

    public MigrationFiles {
        ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        parents = Map.copyOf(parents);
    }

    /** Every tool's migrations found in the repository, read once per run; empty when it has none. */
    public static List<MigrationFiles> of(RepoSnapshot repo) {
        return repo.derived("migration-files", MigrationFiles::read);
    }

    private static List<MigrationFiles> read(RepoSnapshot repo) {
        List<MigrationFiles> found = new ArrayList<>();
        flyway(repo).ifPresent(found::add);
        alembic(repo).ifPresent(found::add);
        django(repo).ifPresent(found::add);
        prisma(repo).ifPresent(found::add);
        knex(repo).ifPresent(found::add);
        return List.copyOf(found);
    }

    /**
     * The ids the history counts as applied: the recorded ones and, for Alembic, whose table holds
     * only the current heads, every revision those heads follow.
     */
    public Set<String> applied(Collection<String> recorded) {
        Set<String> applied = new HashSet<>(recorded);
        if (tool != Tool.ALEMBIC) {
            return applied;
        }
        Deque<String> todo = new ArrayDeque<>(recorded);
        while (!todo.isEmpty() && applied.size() <= parents.size() + recorded.size()) {
            for (String parent : parents.getOrDefault(todo.pop(), List.of())) {
                if (applied.add(parent)) {
                    todo.push(parent);
                }
            }
        }
        return applied;
    }

    /** Flyway's version as it compares: "1_1", "1.1" and "01.1.0" are the same version. */
    public static String flywayVersion(String version) {
        List<String> parts = new ArrayList<>();
        for (String p : version.split("[._]")) {
            parts.add(p.isEmpty() ? "0" : new BigInteger(p).toString());
        }
        while (parts.size() > 1 && parts.getLast().equals("0")) {
            parts.removeLast();
        }
        return String.join(".", parts);
    }

    private static Optional<MigrationFiles> flyway(RepoSnapshot repo) {
        TreeMap<List<BigInteger>, String[]> byVersion = new TreeMap<>(MigrationFiles::compareVersions);
        for (String file : repo.files()) {
            Matcher m = FLYWAY.matcher(file);
            if (m.matches()) {
                String version = flywayVersion(m.group(1));
                byVersion.put(numbers(version), new String[] {version, file});
            }
        }
        Map<String, String> ids = new LinkedHashMap<>();
        byVersion.values().forEach(v -> ids.put(v[0], v[1]));
        return found(Tool.FLYWAY, ids, Map.of());
    }

    /** Orders two Flyway versions as written in the history or a file name ("1_1" before "2"). */
    public static int compareFlywayVersions(String a, String b) {
        return compareVersions(numbers(flywayVersion(a)), numbers(flywayVersion(b)));
    }

    private static List<BigInteger> numbers(String version) {
        return Arrays.stream(version.split("\\.")).map(BigInteger::new).toList();
    }

    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Alembic revision files: a versions/ folder beside an env.py, each file naming its revision. */
    private static Optional<MigrationFiles> alembic(RepoSnapshot repo) {
        Map<String, String> ids = new TreeMap<>();
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (String file : repo.files()) {
            Matcher m = ALEMBIC.matcher(file);
            if (!m.matches() || !repo.exists((m.group(1) == null ? "" : m.group(1)) + "env.py")) {
                continue;
            }
            String text = repo.read(file).orElse("");
            Matcher revision = ALEMBIC_REVISION.matcher(text);
            if (!revision.find()) {
                continue;
            }
            ids.put(revision.group(1), file);
            List<String> down = new ArrayList<>();
            Matcher d = ALEMBIC_DOWN.matcher(text);
            if (d.find()) {
                Matcher q = QUOTED.matcher(d.group(1));
                while (q.find()) {
                    down.add(q.group(1));
                }
            }
            parents.put(revision.group(1), down);
        }
        return found(Tool.ALEMBIC, ids, parents);
    }

    private static Optional<MigrationFiles> django(RepoSnapshot repo) {
        Map<String, String> ids = new TreeMap<>();
        for (String file : repo.files()) {
            Matcher m = DJANGO.matcher(file);
            if (m.matches()) {
                ids.put(m.group(1) + "." + m.group(2), file);
            }
        }
        return found(Tool.DJANGO, ids, Map.of());
    }

    private static Optional<MigrationFiles> prisma(RepoSnapshot repo) {
        Map<String, String> ids = new TreeMap<>();
        for (String file : repo.files()) {
            Matcher m = PRISMA.matcher(file);
            if (m.matches()) {
                ids.put(m.group(2), file);
            }
        }
        return found(Tool.PRISMA, ids, Map.of());
    }

    /** knex migration files: scripts in a migrations/ folder that export an up function. */
    private static Optional<MigrationFiles> knex(RepoSnapshot repo) {
        Map<String, String> ids = new TreeMap<>();
        for (String file : repo.files()) {
            Matcher m = KNEX.matcher(file);
            if (m.matches() && !file.contains("prisma/") && KNEX_UP.matcher(repo.read(file).orElse("")).find()) {
                ids.put(m.group(2), file);
            }
        }
        return found(Tool.KNEX, ids, Map.of());
    }

    private static Optional<MigrationFiles> found(Tool tool, Map<String, String> ids, Map<String, List<String>> parents) {
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MigrationFiles(tool, commonFolder(ids.values()), ids, parents));
    }

    private static String commonFolder(Collection<String> files) {
        Set<String> folders = new TreeSet<>();
        for (String f : files) {
            int slash = f.lastIndexOf('/');
            folders.add(slash < 0 ? "." : f.substring(0, slash));
        }
        return folders.size() == 1 ? folders.iterator().next() : folders.size() + " folders (" + folders.iterator().next() + ", ...)";
    }
}
