package dev.preflight.collect.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.preflight.collect.CannotParse;
import dev.preflight.collect.ComposeFile;
import dev.preflight.collect.DeployEnvironment;
import dev.preflight.collect.KubernetesManifests;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.SpringProperties;
import dev.preflight.text.Lines;

/**
 * How many database connections the application opens, as its repository says: the pool size of
 * each process (SQLAlchemy {@code create_engine(pool_size, max_overflow)}, Django's psycopg pool
 * {@code max_size}, HikariCP {@code maximum-pool-size}, knex, Sequelize and node-postgres
 * {@code max}, Prisma {@code connection_limit}) and how many processes run it (gunicorn workers,
 * WEB_CONCURRENCY, compose {@code deploy.replicas}, Kubernetes {@code replicas}). Test and
 * development files are left out.
 */
public record ApplicationPools(List<Pool> pools, List<Processes> processes, List<String> notes) {

    /** One pool's largest number of connections per process, where it is written and how it was read. */
    public record Pool(int size, String where, String how) {
    }

    /** A count of processes (workers or replicas) that each hold a pool. */
    public record Processes(int count, String where, String how, boolean replicas) {
    }

    private static final Pattern CREATE_ENGINE = Pattern.compile("create_(?:async_)?engine\\s*\\(([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern KEYWORD = Pattern.compile("\\b(pool_size|max_overflow)\\s*=\\s*(\\d+)");
    private static final Pattern DJANGO_POOL = Pattern.compile("[\"']pool[\"']\\s*:\\s*\\{[^}]*[\"']max_size[\"']\\s*:\\s*(\\d+)", Pattern.DOTALL);
    private static final Pattern JS_POOL = Pattern.compile("\\bpool\\s*:\\s*\\{[^}]*?\\bmax\\s*:\\s*(\\d+)", Pattern.DOTALL);
    private static final Pattern PG_POOL = Pattern.compile("new\\s+(?:pg\\.)?Pool\\s*\\(\\s*\\{[^}]*?\\bmax\\s*:\\s*(\\d+)", Pattern.DOTALL);
    private static final Pattern WORKERS_FLAG = Pattern.compile("\\bgunicorn\\b[^\\n]*?(?:-w\\s*|--workers[=\\s]\\s*)[\"']?(\\d+)");
    private static final Pattern NOT_APP = Pattern.compile("(^|/)(tests?|__tests__|spec|node_modules|migrations)/|(^|/)(test_[^/]*|[^/]*_test\\.py|[^/]*\\.(test|spec)\\.[jt]s)$");
    /** Files that start the application's processes: where gunicorn's -w is written, and the compose and Kubernetes files. */
    private static final Pattern LAUNCH_FILE = Pattern.compile(
            "(^|/)(Dockerfile[^/]*|Procfile|Makefile|[^/]+\\.(ya?ml|sh|service|toml|ini|cfg|json))$");
    private static final Pattern PRISMA_LIMIT = Pattern.compile("[?&]connection_limit=(\\d+)");
    private static final int SQLALCHEMY_POOL_SIZE = 5;
    private static final int SQLALCHEMY_MAX_OVERFLOW = 10;
    private static final int HIKARI_DEFAULT = 10;

    public ApplicationPools {
        pools = List.copyOf(pools);
        processes = List.copyOf(processes);
        notes = List.copyOf(notes);
    }

    /** Read once per run and shared. */
    public static ApplicationPools of(RepoSnapshot repo) {
        return repo.derived("application-pools", ApplicationPools::read);
    }

    private static ApplicationPools read(RepoSnapshot repo) {
        List<Pool> pools = new ArrayList<>();
        List<Processes> processes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String file : repo.files()) {
            if (NOT_APP.matcher(file).find() || DeployEnvironment.isDevelopment(file) || DeployEnvironment.isTemplate(file)) {
                continue;
            }
            boolean code = file.matches(".*\\.(py|js|mjs|cjs|ts)$");
            boolean launch = LAUNCH_FILE.matcher(file).find();
            if (!code && !launch && !SpringProperties.isProductionConfig(file)) {
                continue;
            }
            String text = repo.read(file).orElse("");
            if (file.endsWith(".py")) {
                python(file, text, pools, processes);
            } else if (file.matches(".*\\.(js|mjs|cjs|ts)$")) {
                find(JS_POOL, file, text, "pool.max", pools);
                find(PG_POOL, file, text, "new Pool({max})", pools);
            } else if (SpringProperties.isProductionConfig(file)) {
                spring(file, text, pools, notes);
            }
            if (ComposeFile.isComposeFile(file)) {
                compose(file, text, processes, notes);
            } else if (KubernetesManifests.looksLikeManifest(file, text)) {
                kubernetes(file, text, processes, notes);
            }
            Matcher w = WORKERS_FLAG.matcher(launch ? text : "");
            while (w.find()) {
                processes.add(new Processes(Integer.parseInt(w.group(1)), file + ":" + Lines.lineAt(text, w.start()), "gunicorn workers", false));
            }
        }
        for (DeployEnvironment.Setting s : DeployEnvironment.of(repo).settings()) {
            if (DeployEnvironment.isTemplate(s.file()) || DeployEnvironment.isDevelopment(s.file()) || s.reference()) {
                continue;
            }
            if (s.key().equals("WEB_CONCURRENCY") && s.value().strip().matches("\\d+")) {
                processes.add(new Processes(Integer.parseInt(s.value().strip()), s.where(), "WEB_CONCURRENCY", false));
            }
            Matcher limit = PRISMA_LIMIT.matcher(s.value());
            if (limit.find()) {
                pools.add(new Pool(Integer.parseInt(limit.group(1)), s.where(), s.key() + " connection_limit (Prisma)"));
            }
        }
        return new ApplicationPools(pools, processes, notes);
    }

    private static void python(String file, String text, List<Pool> pools, List<Processes> processes) {
        Matcher m = CREATE_ENGINE.matcher(text);
        while (m.find()) {
            int size = SQLALCHEMY_POOL_SIZE;
            int overflow = SQLALCHEMY_MAX_OVERFLOW;
            Matcher k = KEYWORD.matcher(m.group(1));
            boolean written = false;
            while (k.find()) {
                written = true;
                if (k.group(1).equals("pool_size")) {
                    size = Integer.parseInt(k.group(2));
                } else {
                    overflow = Integer.parseInt(k.group(2));
                }
            }
            if (written) {
                pools.add(new Pool(size + overflow, file + ":" + Lines.lineAt(text, m.start()),
                        "create_engine pool_size " + size + " + max_overflow " + overflow));
            }
        }
        find(DJANGO_POOL, file, text, "DATABASES OPTIONS pool max_size", pools);
        if (file.matches("(.*/)?gunicorn[^/]*\\.py")) {
            PythonSettings.parse(file, text).get("workers").ifPresent(a -> {
                if (a.value() instanceof PythonSettings.Num n) {
                    processes.add(new Processes((int) n.value(), file + ":" + a.line(), "gunicorn workers", false));
                }
            });
        }
    }

    private static void find(Pattern pattern, String file, String text, String how, List<Pool> pools) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            pools.add(new Pool(Integer.parseInt(m.group(1)), file + ":" + Lines.lineAt(text, m.start()), how));
        }
    }

    private static void spring(String file, String text, List<Pool> pools, List<String> notes) {
        Map<String, SpringProperties.Setting> settings;
        try {
            settings = SpringProperties.read(file, text);
        } catch (CannotParse e) {
            notes.add(file + ":" + e.line() + ": " + e.describe());
            return;
        }
        SpringProperties.Setting max = settings.get("spring.datasource.hikari.maximum-pool-size");
        if (max != null && max.value().strip().matches("\\d+")) {
            pools.add(new Pool(Integer.parseInt(max.value().strip()), file + ":" + max.line(), "spring.datasource.hikari.maximum-pool-size"));
        } else if (settings.containsKey("spring.datasource.url")) {
            pools.add(new Pool(HIKARI_DEFAULT, file + ":" + settings.get("spring.datasource.url").line(), "HikariCP's default maximum-pool-size"));
        }
    }

    private static void compose(String file, String text, List<Processes> processes, List<String> notes) {
        try {
            for (ComposeFile.Service s : ComposeFile.parse(text).services()) {
                s.spec().mapping("deploy").flatMap(d -> d.text("replicas")).filter(r -> r.strip().matches("\\d+"))
                        .ifPresent(r -> processes.add(new Processes(Integer.parseInt(r.strip()), file + ":" + s.line(),
                                "compose service " + s.name() + " deploy.replicas", true)));
            }
        } catch (CannotParse e) {
            notes.add(file + ":" + e.line() + ": " + e.describe());
        }
    }

    private static void kubernetes(String file, String text, List<Processes> processes, List<String> notes) {
        try {
            for (KubernetesManifests.Workload w : KubernetesManifests.parse(text).workloads()) {
                w.replicas().map(r -> r.value().strip()).filter(r -> r.matches("\\d+"))
                        .ifPresent(r -> processes.add(new Processes(Integer.parseInt(r), file + ":" + w.line(), w.describe() + " replicas", true)));
            }
        } catch (CannotParse e) {
            notes.add(file + ":" + e.line() + ": " + e.describe());
        }
    }

    /** The most connections the application may hold: the largest pool times the most workers times the most replicas. */
    public Optional<Integer> total() {
        if (pools.isEmpty()) {
            return Optional.empty();
        }
        int pool = pools.stream().mapToInt(Pool::size).max().orElseThrow();
        int workers = processes.stream().filter(p -> !p.replicas()).mapToInt(Processes::count).max().orElse(1);
        int replicas = processes.stream().filter(Processes::replicas).mapToInt(Processes::count).max().orElse(1);
        return Optional.of(pool * workers * replicas);
    }
}
