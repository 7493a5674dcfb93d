package dev.preflight.checks.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.RepoSnapshot;

/** The container fixture repositories under src/test/resources/fixtures/containers, and a check run over one. */
final class Fixtures {
    private Fixtures() {
    }

    static Path repo(String name) {
        URL url = Fixtures.class.getResource("/fixtures/containers/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture repository " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Outcome run(Check check, Path root) throws Exception {
        return check.run(new CheckContext(Params.NONE, "", new RepoSnapshot(root), null, false));
    }

    static Outcome run(Check check, String fixture) throws Exception {
        return run(check, repo(fixture));
    }
}
