package dev.preflight.checks.config;

import java.nio.file.Path;
import java.util.Map;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.RepoSnapshot;

/** Runs a check on a fixture repository with an item's words and parameters, as the engine would. */
final class Run {
    private Run() {
    }

    static Outcome check(Check check, Path repo, String item, Map<String, String> params) throws Exception {
        return check.run(new CheckContext(new Params(params), item, new RepoSnapshot(repo), null, false));
    }

    /** A small real-looking project under src/test/resources/fixtures/config/, read in place. */
    static Path fixture(String name) throws Exception {
        return Path.of(Run.class.getResource("/fixtures/config/" + name).toURI());
    }

    static Outcome check(Check check, Path repo, String item) throws Exception {
        return check(check, repo, item, Map.of());
    }
}
