package dev.preflight.checks.tls;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.TrustMaterial;

/** Runs one TLS check against a loopback URL as the engine would, with the given trust (null: the system's). */
final class TlsChecks {
    private TlsChecks() {
    }

    static Outcome run(Check check, URI url, TrustMaterial trust, String itemText, Map<String, String> params) throws Exception {
        HttpProbe probe = HttpProbe.forRun(List.of(url), Duration.ofSeconds(2), trust, Map.of(), Duration.ofSeconds(2), null, what -> { });
        return check.run(new CheckContext(new Params(params), itemText, null, probe, false, null));
    }
}
