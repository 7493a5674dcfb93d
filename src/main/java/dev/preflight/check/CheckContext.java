package dev.preflight.check;

import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.RestoreSettings;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.collect.osv.OsvDatabase;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/**
 * What a check may look at for one item. The engine fills in only the targets that were given and
 * calls a check only when its own target is among them, so a URL check can rely on {@link #http()}.
 *
 * @param itemText the item's words, for checks whose subject is named by them (which document, which endpoint)
 * @param osv      the offline vulnerability data given with {@code --osv}, or null
 * @param load     the run's load scenarios and the load runs its checks share
 * @param db       the databases given with {@code --db}, each connected to once per run; null when none was given
 * @param host     the host's root ({@code --host} or {@code --host-root}), or null
 * @param restore  the restore drill's administrative URL and backup location
 */
public record CheckContext(Params params, String itemText, RepoSnapshot repo, HttpProbe http, boolean active, OsvDatabase osv,
                           LoadRuns load, DatabaseProbe db, HostRoot host, RestoreSettings restore) {

    public CheckContext {
        restore = restore == null ? RestoreSettings.NONE : restore;
    }

    /** A context without restore settings. */
    public CheckContext(Params params, String itemText, RepoSnapshot repo, HttpProbe http, boolean active, OsvDatabase osv,
                        LoadRuns load, DatabaseProbe db, HostRoot host) {
        this(params, itemText, repo, http, active, osv, load, db, host, RestoreSettings.NONE);
    }

    /** A context without databases or a host. */
    public CheckContext(Params params, String itemText, RepoSnapshot repo, HttpProbe http, boolean active, OsvDatabase osv,
                        LoadRuns load) {
        this(params, itemText, repo, http, active, osv, load, null, null);
    }

    /** A context for a database check: the databases, without a host. */
    public CheckContext(Params params, String itemText, RepoSnapshot repo, HttpProbe http, boolean active, OsvDatabase osv,
                        LoadRuns load, DatabaseProbe db) {
        this(params, itemText, repo, http, active, osv, load, db, null);
    }

    /** A context for a host check: the host, the item's words and its parameters. */
    public static CheckContext forHost(Params params, String itemText, HostRoot host) {
        return new CheckContext(params, itemText, null, null, false, null, new LoadRuns(Scenarios.NONE), null, host);
    }

    /** A context without load scenarios. */
    public CheckContext(Params params, String itemText, RepoSnapshot repo, HttpProbe http, boolean active, OsvDatabase osv) {
        this(params, itemText, repo, http, active, osv, new LoadRuns(Scenarios.NONE));
    }

    /** A context without offline vulnerability data: what every check but repo.vulnerable-dependencies needs. */
    public CheckContext(Params params, String itemText, RepoSnapshot repo, HttpProbe http, boolean active) {
        this(params, itemText, repo, http, active, null);
    }
}
