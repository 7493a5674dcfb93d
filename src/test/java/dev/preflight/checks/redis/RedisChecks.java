package dev.preflight.checks.redis;

import java.util.List;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/** Runs a redis check as the engine does: a context whose probe holds the given URLs. */
final class RedisChecks {
    private RedisChecks() {
    }

    static Outcome run(Check check, String item, DatabaseUrl... urls) throws Exception {
        return run(check, item, null, urls);
    }

    /** As the engine runs it with {@code --ca-cert} given ({@code trust}; null: the system's CAs alone). */
    static Outcome run(Check check, String item, TrustMaterial trust, DatabaseUrl... urls) throws Exception {
        CheckContext context = new CheckContext(Params.NONE, item, null, null, false, null, new LoadRuns(Scenarios.NONE),
                new DatabaseProbe(List.of(urls), trust));
        return check.run(context);
    }
}
