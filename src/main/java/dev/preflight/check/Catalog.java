package dev.preflight.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.preflight.checks.config.AllowedHostsCheck;
import dev.preflight.checks.config.BackupJobsCheck;
import dev.preflight.checks.config.ContainerLimitsCheck;
import dev.preflight.checks.config.ContainerSecurityCheck;
import dev.preflight.checks.config.CorsCheck;
import dev.preflight.checks.config.DebugOffCheck;
import dev.preflight.checks.config.DjangoDatabaseCheck;
import dev.preflight.checks.config.DjangoDeployCheck;
import dev.preflight.checks.config.DockerfileCheck;
import dev.preflight.checks.config.ExpressHardeningCheck;
import dev.preflight.checks.config.KubernetesProbesCheck;
import dev.preflight.checks.config.LogLevelCheck;
import dev.preflight.checks.config.LoggingCheck;
import dev.preflight.checks.config.LogrotateCheck;
import dev.preflight.checks.config.NginxCheck;
import dev.preflight.checks.config.RateLimitCheck;
import dev.preflight.checks.config.RestartPolicyCheck;
import dev.preflight.checks.config.SecretStrengthCheck;
import dev.preflight.checks.config.SessionCookiesCheck;
import dev.preflight.checks.config.ServiceUnitsCheck;
import dev.preflight.checks.config.SpringBootCheck;
import dev.preflight.checks.config.StaticFilesCheck;
import dev.preflight.checks.config.TimeoutsCheck;
import dev.preflight.checks.config.UploadLimitCheck;
import dev.preflight.checks.config.WorkersCheck;
import dev.preflight.checks.dns.DnsRecordsCheck;
import dev.preflight.checks.host.CertRenewalCheck;
import dev.preflight.checks.host.DiskCheck;
import dev.preflight.checks.backup.BackupRecentCheck;
import dev.preflight.checks.backup.BackupRetentionCheck;
import dev.preflight.checks.backup.BackupScheduleCheck;
import dev.preflight.checks.backup.RestoreDrillCheck;
import dev.preflight.checks.host.Fail2banCheck;
import dev.preflight.checks.host.FirewallCheck;
import dev.preflight.checks.host.HostLogrotateCheck;
import dev.preflight.checks.host.MemoryCheck;
import dev.preflight.checks.host.OpenPortsCheck;
import dev.preflight.checks.host.PermissionsCheck;
import dev.preflight.checks.host.ServicesCheck;
import dev.preflight.checks.host.SoftwareVersionCheck;
import dev.preflight.checks.host.SshdCheck;
import dev.preflight.checks.host.TimeSyncCheck;
import dev.preflight.checks.host.UpdatesCheck;
import dev.preflight.checks.http.AuthenticationCheck;
import dev.preflight.checks.http.CompressionCheck;
import dev.preflight.checks.http.CookiesCheck;
import dev.preflight.checks.http.CorsResponseCheck;
import dev.preflight.checks.http.ErrorsCheck;
import dev.preflight.checks.http.ExposureCheck;
import dev.preflight.checks.http.HealthCheck;
import dev.preflight.checks.http.HstsCheck;
import dev.preflight.checks.http.Http2Check;
import dev.preflight.checks.http.HttpsRedirectCheck;
import dev.preflight.checks.http.InjectionCheck;
import dev.preflight.checks.http.MetricsCheck;
import dev.preflight.checks.http.RateLimitBurstCheck;
import dev.preflight.checks.http.SecurityHeadersCheck;
import dev.preflight.checks.http.StaticCachingCheck;
import dev.preflight.checks.http.UploadRefusalCheck;
import dev.preflight.checks.load.ConcurrencyCheck;
import dev.preflight.checks.load.ErrorRateCheck;
import dev.preflight.checks.load.LatencyCheck;
import dev.preflight.checks.load.MemoryStableCheck;
import dev.preflight.checks.load.UptimeCheck;
import dev.preflight.checks.repo.CiCheck;
import dev.preflight.checks.repo.DependenciesPinnedCheck;
import dev.preflight.checks.repo.DocsCheck;
import dev.preflight.checks.repo.EnvIgnoredCheck;
import dev.preflight.checks.repo.SecretsCheck;
import dev.preflight.checks.repo.TestsCheck;
import dev.preflight.checks.repo.VulnerableDependenciesCheck;
import dev.preflight.checks.db.DatabaseConnectionCheck;
import dev.preflight.checks.db.DatabaseTimeoutsCheck;
import dev.preflight.checks.db.DatabaseTlsCheck;
import dev.preflight.checks.db.IndexesCheck;
import dev.preflight.checks.db.ListenAddressCheck;
import dev.preflight.checks.db.MigrationsCheck;
import dev.preflight.checks.db.PasswordStrengthCheck;
import dev.preflight.checks.db.PoolCheck;
import dev.preflight.checks.db.SlowQueryLogCheck;
import dev.preflight.checks.db.SqliteWalCheck;
import dev.preflight.checks.db.UserPrivilegesCheck;
import dev.preflight.checks.redis.RedisAuthCheck;
import dev.preflight.checks.redis.RedisConnectionCheck;
import dev.preflight.checks.redis.RedisMemoryCheck;
import dev.preflight.checks.tls.CertificateCheck;
import dev.preflight.checks.tls.ProtocolsCheck;

/**
 * Every check Preflight knows: the built ones, listed here explicitly (no classpath scanning), and the
 * planned ones, whose metadata lives in {@code planned-checks.yaml} until a later issue builds them.
 */
public final class Catalog {

    /**
     * The built checks in catalog order, as classes: each is made on its first run
     * ({@link DeferredCheck}), since making one runs its static initialiser.
     */
    private static final class Built {
        static final List<Class<? extends Check>> LIST = List.of(
                EnvIgnoredCheck.class,
                SecretsCheck.class,
                DocsCheck.class,
                HealthCheck.class,
                MetricsCheck.class,
                ErrorsCheck.class,
                ExposureCheck.class,
                DnsRecordsCheck.class,
                SpringBootCheck.class,
                RateLimitCheck.class,
                DependenciesPinnedCheck.class,
                VulnerableDependenciesCheck.class,
                LogLevelCheck.class,
                LoggingCheck.class,
                DockerfileCheck.class,
                ContainerLimitsCheck.class,
                RestartPolicyCheck.class,
                KubernetesProbesCheck.class,
                ContainerSecurityCheck.class,
                SecretStrengthCheck.class,
                DebugOffCheck.class,
                AllowedHostsCheck.class,
                DjangoDeployCheck.class,
                DjangoDatabaseCheck.class,
                CorsCheck.class,
                SessionCookiesCheck.class,
                ExpressHardeningCheck.class,
                UploadLimitCheck.class,
                WorkersCheck.class,
                StaticFilesCheck.class,
                NginxCheck.class,
                TimeoutsCheck.class,
                ServiceUnitsCheck.class,
                LogrotateCheck.class,
                BackupJobsCheck.class,
                CiCheck.class,
                TestsCheck.class,
                CertificateCheck.class,
                DatabaseConnectionCheck.class,
                DatabaseTlsCheck.class,
                UserPrivilegesCheck.class,
                SqliteWalCheck.class,
                DatabaseTimeoutsCheck.class,
                ListenAddressCheck.class,
                MigrationsCheck.class,
                IndexesCheck.class,
                SlowQueryLogCheck.class,
                PasswordStrengthCheck.class,
                PoolCheck.class,
                RedisConnectionCheck.class,
                RedisAuthCheck.class,
                RedisMemoryCheck.class,
                ProtocolsCheck.class,
                Http2Check.class,
                HttpsRedirectCheck.class,
                HstsCheck.class,
                SecurityHeadersCheck.class,
                CookiesCheck.class,
                CorsResponseCheck.class,
                CompressionCheck.class,
                StaticCachingCheck.class,
                RateLimitBurstCheck.class,
                AuthenticationCheck.class,
                UploadRefusalCheck.class,
                InjectionCheck.class,
                LatencyCheck.class,
                ErrorRateCheck.class,
                ConcurrencyCheck.class,
                UptimeCheck.class,
                MemoryStableCheck.class,
                SshdCheck.class,
                DiskCheck.class,
                MemoryCheck.class,
                PermissionsCheck.class,
                SoftwareVersionCheck.class,
                Fail2banCheck.class,
                FirewallCheck.class,
                OpenPortsCheck.class,
                CertRenewalCheck.class,
                UpdatesCheck.class,
                HostLogrotateCheck.class,
                ServicesCheck.class,
                TimeSyncCheck.class,
                BackupScheduleCheck.class,
                BackupRecentCheck.class,
                BackupRetentionCheck.class,
                RestoreDrillCheck.class);
    }

    private final Map<String, CatalogEntry> entries;

    private final PhraseIndex phraseIndex;

    private Catalog(Map<String, CatalogEntry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
        this.phraseIndex = new PhraseIndex(List.copyOf(entries.values()));
    }

    /** Every phrase of the catalog, for binding many items quickly. */
    public PhraseIndex phraseIndex() {
        return phraseIndex;
    }

    /**
     * The catalog, loaded once per process. The first call compiles every phrase (a few hundred
     * milliseconds on a cold JVM), so commands start it early on another thread with {@link #preload()}.
     */
    public static Catalog standard() {
        return Standard.CATALOG.join();
    }

    /** Starts loading the catalog in the background, so that it is ready when the command needs it. */
    public static void preload() {
        Standard.CATALOG.isDone();
    }

    /** The holder idiom: the load starts when this class is first touched, on a thread of its own. */
    private static final class Standard {
        static final java.util.concurrent.CompletableFuture<Catalog> CATALOG =
                java.util.concurrent.CompletableFuture.supplyAsync(Catalog::load, task -> Thread.ofPlatform().daemon().start(task));
    }

    private static Catalog load() {
        return of(planned());
    }

    /**
     * The built checks with the planned entries of another file than planned-checks.yaml, written in
     * its format: for showing how planned checks look once every one in the product is built.
     */
    public static Catalog withPlanned(InputStream plannedYaml) {
        return of(planned(plannedYaml));
    }

    private static Catalog of(List<CatalogEntry> plannedEntries) {
        Map<String, CatalogEntry> entries = new LinkedHashMap<>();
        for (Class<? extends Check> type : Built.LIST) {
            CatalogEntry entry = entryOf(new DeferredCheck(type));
            entries.put(entry.id(), entry);
        }
        for (CatalogEntry planned : plannedEntries) {
            if (entries.putIfAbsent(planned.id(), planned) != null) {
                // A built check whose planned entry was left behind would be shadowed silently.
                throw new IllegalStateException("planned-checks.yaml still lists " + planned.id() + ", which is built: remove the entry");
            }
        }
        return new Catalog(entries);
    }

    /** The built checks in catalog order, for the rule that each has its metadata, doc and tests. */
    static List<Class<? extends Check>> built() {
        return Built.LIST;
    }

    public List<CatalogEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<CatalogEntry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    public static CatalogEntry entryOf(Check check) {
        CheckInfo info = check.info();
        return new CatalogEntry(info.id(), info.title(), info.target(), info.severity(),
                Arrays.stream(info.phrases()).map(Phrase::of).toList(),
                params(info.id(), List.of(info.params())), List.of(info.related()), info.active(), check, null);
    }

    private static Set<Param> params(String id, List<String> keys) {
        return keys.stream()
                .map(k -> Param.byKey(k).orElseThrow(() -> new IllegalStateException(id + " declares unknown parameter " + k)))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The entries of planned-checks.yaml. Read with SnakeYAML directly: this runs on every start,
     * and Jackson's data binding costs about half a second more there, cold.
     */
    private static List<CatalogEntry> planned() {
        try (InputStream in = Catalog.class.getResourceAsStream("planned-checks.yaml")) {
            if (in == null) {
                throw new IllegalStateException("planned-checks.yaml is missing from the jar");
            }
            return planned(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("planned-checks.yaml is malformed: " + e.getMessage(), e);
        }
    }

    /** Planned entries as planned-checks.yaml writes them; a file of comments alone (every check built) holds none. */
    private static List<CatalogEntry> planned(InputStream in) {
        List<Map<String, Object>> planned = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        List<CatalogEntry> out = new ArrayList<>();
        if (planned != null) {
            for (Map<String, Object> p : planned) {
                String id = text(p, "id");
                String severity = (String) p.get("severity");
                out.add(new CatalogEntry(id, text(p, "title"), TargetKind.valueOf(text(p, "target").toUpperCase(Locale.ROOT)),
                        severity == null ? Severity.HIGH : Severity.valueOf(severity.toUpperCase(Locale.ROOT)),
                        texts(p, "phrases").stream().map(Phrase::of).toList(), params(id, texts(p, "params")),
                        texts(p, "related"), Boolean.TRUE.equals(p.get("active")), null, text(p, "issue")));
            }
        }
        return out;
    }

    private static String text(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        if (!(value instanceof String s)) {
            throw new IllegalStateException("entry " + entry.get("id") + " needs a text '" + key + "'");
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        return value == null ? List.of() : List.copyOf((List<String>) value);
    }
}
