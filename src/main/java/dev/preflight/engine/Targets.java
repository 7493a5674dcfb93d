package dev.preflight.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.preflight.check.TargetKind;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.RestoreSettings;
import dev.preflight.collect.host.HostRoot;

/**
 * What this run may look at. A check whose target kind is absent is SKIP "no ... given", which blocks a GO.
 *
 * @param repo    the repository as the run reads it, walked once: the front end may have read it already
 *                (the databases its config names), and the checks then share that walk
 * @param host    the host the host checks read ({@code --host} or {@code --host-root}), or null: they run only when asked
 * @param restore the restore drill's administrative URL, as given
 * @param dbOrigins where the repository's config names each database found there ("file:line"); the {@code --db} URLs have none
 */
public record Targets(RepoSnapshot repo, List<URI> urls, List<DatabaseUrl> dbs, HostRoot host, RestoreSettings restore,
                      Map<DatabaseUrl, String> dbOrigins) {

    public Targets {
        urls = List.copyOf(urls);
        dbs = List.copyOf(dbs);
        restore = restore == null ? RestoreSettings.NONE : restore;
        dbOrigins = Map.copyOf(dbOrigins);
    }

    /** Targets whose databases were all given, none found in the repository. */
    public Targets(Path repo, List<URI> urls, List<DatabaseUrl> dbs, HostRoot host, RestoreSettings restore) {
        this(repo == null ? null : new RepoSnapshot(repo), urls, dbs, host, restore, Map.of());
    }

    /** Targets without restore settings. */
    public Targets(Path repo, List<URI> urls, List<DatabaseUrl> dbs, HostRoot host) {
        this(repo, urls, dbs, host, RestoreSettings.NONE);
    }

    /** Targets without a host. */
    public Targets(Path repo, List<URI> urls, List<DatabaseUrl> dbs) {
        this(repo, urls, dbs, null);
    }

    public static Targets none() {
        return new Targets(null, List.of(), List.of());
    }

    /** The passwords of the database URLs and of the restore drill's administrative URL. */
    public List<String> credentials() {
        return Stream.concat(dbs.stream(), Stream.ofNullable(restore.admin())).map(DatabaseUrl::password).filter(Objects::nonNull).toList();
    }

    public boolean has(TargetKind kind) {
        return switch (kind) {
            case REPO -> repo != null;
            case URL -> !urls.isEmpty();
            case DB -> !dbs.isEmpty();
            case HOST -> host != null;
        };
    }

    /** Why a check of this kind cannot run here. */
    public static String missing(TargetKind kind) {
        return switch (kind) {
            case REPO -> "no --repo given";
            case URL -> "no --url given";
            case DB -> "no --db given";
            case HOST -> "no --host given";
        };
    }

    /** Which kinds were given, for the report's statement of how much was verified. */
    public List<TargetKind> given() {
        return java.util.Arrays.stream(TargetKind.values()).filter(this::has).toList();
    }
}
