package dev.preflight.checks.host;

import java.nio.file.Path;
import java.util.Map;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.host.HostRoot;

/** Runs a host check on a fixture root under src/test/resources/fixtures/host/, or on any root, as the engine would. */
final class Hosts {
    private Hosts() {
    }

    static Path fixture(String name) throws Exception {
        return Path.of(Hosts.class.getResource("/fixtures/host/" + name).toURI());
    }

    static Outcome check(Check check, HostRoot host, String item, Map<String, String> params) {
        try {
            return check.run(CheckContext.forHost(new Params(params), item, host));
        } catch (Exception e) {
            throw new AssertionError("the check threw instead of returning an outcome", e);
        }
    }

    static Outcome check(Check check, String fixture, String item) throws Exception {
        return check(check, HostRoot.mounted(fixture(fixture)), item, Map.of());
    }
}
