package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class ExpressHardeningCheckTest {
    private static final String PACKAGE = "{\"name\": \"api\", \"dependencies\": {\"express\": \"^4.19.2\", \"helmet\": \"^7.1.0\"}}\n";

    @TempDir
    Path dir;

    @Test
    void passesWithHelmetAndANamedProxy() throws Exception {
        write(dir, "package.json", PACKAGE);
        write(dir, "src/server.ts", """
                import express from "express";
                import helmet from "helmet";

                const app = express();
                app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } }));
                app.set("trust proxy", 1); // nginx in front
                """);

        Outcome outcome = Run.check(new ExpressHardeningCheck(), dir, "Use helmet for security headers");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "src/server.ts:5: helmet({ contentSecurityPolicy: { directives: { defaultSrc: [\"'self'\"] } } })",
                "src/server.ts:6: trust proxy 1");
    }

    @Test
    void failsWithoutHelmetAndWithXPoweredBy() throws Exception {
        write(dir, "package.json", PACKAGE);
        write(dir, "index.js", """
                const express = require('express');
                const app = express();
                app.get('/', (req, res) => res.send('ok'));
                app.listen(3000);
                """);
        write(dir, "test/app.test.js", "app.use(helmet());\napp.disable('x-powered-by');\n");

        Outcome outcome = Run.check(new ExpressHardeningCheck(), dir, "Express hardening");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "index.js:2: express(): no helmet(): no Content-Security-Policy, HSTS, nosniff or frame-ancestors headers",
                "index.js:2: express(): X-Powered-By: Express is sent (neither helmet() nor app.disable('x-powered-by'))",
                "index.js:2: express(): 'trust proxy' is not set: behind a proxy or load balancer, req.ip is the proxy's and req.secure is false");
    }

    @Test
    void failsWhenHelmetIsToldToKeepXPoweredBy() throws Exception {
        write(dir, "package.json", PACKAGE);
        write(dir, "app.js", "const app = express();\napp.use(helmet({ xPoweredBy: false }));\napp.set('trust proxy', 'loopback');\n");

        Outcome outcome = Run.check(new ExpressHardeningCheck(), dir, "Remove the x-powered-by header");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("X-Powered-By: Express is sent");
    }

    @Test
    void warnsWhenTrustProxyIsMissingOrTrustsEveryHop() throws Exception {
        write(dir, "package.json", PACKAGE);
        write(dir, "app.js", "const app = express();\napp.disable('x-powered-by');\napp.use(helmet());\n");

        Outcome missing = Run.check(new ExpressHardeningCheck(), dir, "Set trust proxy");

        assertThat(missing.status()).isEqualTo(Status.WARN);
        assertThat(missing.summary()).contains("'trust proxy' is not set");

        write(dir, "app.js", "const app = express();\napp.use(helmet());\napp.enable('trust proxy');\n");
        Outcome everyHop = Run.check(new ExpressHardeningCheck(), dir, "Set trust proxy");

        assertThat(everyHop.status()).isEqualTo(Status.WARN);
        assertThat(everyHop.summary()).isEqualTo("app.js:3: trust proxy true (trusts every hop: any client can set X-Forwarded-For; name the proxies or their number)");
    }

    @Test
    void skipsWithoutExpress() throws Exception {
        write(dir, "requirements.txt", "flask==3.0.3\n");
        write(dir, "app.py", "from flask import Flask\napp = Flask(__name__)\n");

        Outcome outcome = Run.check(new ExpressHardeningCheck(), dir, "Use helmet");

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.toString()).contains("no Express app");
    }
}
