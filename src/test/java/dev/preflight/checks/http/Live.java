package dev.preflight.checks.http;

import java.util.Map;

import com.sun.net.httpserver.HttpHandler;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.LocalServer;
import dev.preflight.collect.RepoSnapshot;

/** Running a live check as the engine does, and the handlers the header tests' servers answer with. */
final class Live {
    private Live() {
    }

    static Outcome run(Check check, HttpProbe probe) throws Exception {
        return run(check, probe, Map.of(), null);
    }

    static Outcome run(Check check, HttpProbe probe, Map<String, String> params, RepoSnapshot repo) throws Exception {
        return check.run(new CheckContext(new Params(params), "", repo, probe, false, null));
    }

    /** A handler answering {@code status} with these response headers (name, value, name, value...) and body. */
    static HttpHandler answer(int status, String contentType, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            LocalServer.respond(exchange, status, contentType, body);
        };
    }
}
