package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.checks.http.CookiesCheck;
import dev.preflight.checks.http.CorsResponseCheck;
import dev.preflight.checks.http.SecurityHeadersCheck;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.RepoSnapshot;

/**
 * The header, cookie and CORS checks against a real Express app with helmet and cors from npm
 * (interop/express/server.js): hardened, helmet's defaults, and open.
 */
class HeadersExpressTest {
    @TempDir
    Path dir;

    private static Outcome run(Check check, ExpressApp app, RepoSnapshot repo) throws Exception {
        HttpProbe probe = new HttpProbe(app.url(), HttpProbe.client(Duration.ofSeconds(5), null), Map.of(), Duration.ofSeconds(10));
        return check.run(new CheckContext(new Params(Map.of()), "", repo, probe, false, null));
    }

    @Test
    void helmetWithAStrictStyleSrcAndCorsForOneOriginPass() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("server.js"), "app.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n");
        try (ExpressApp app = ExpressApp.withHeaders(dir, "hardened")) {
            Outcome headers = run(new SecurityHeadersCheck(), app, null);
            Outcome cookies = run(new CookiesCheck(), app, null);
            Outcome cors = run(new CorsResponseCheck(), app, new RepoSnapshot(repo));

            assertThat(headers.status()).as(headers.toString()).isEqualTo(Status.PASS);
            assertThat(cookies.status()).as(cookies.toString()).isEqualTo(Status.PASS);
            assertThat(cors.status()).as(cors.toString()).isEqualTo(Status.PASS);
            assertThat(cors.summary()).endsWith("the 1 origin(s) the repository names are allowed");
        }
    }

    @Test
    void helmetsDefaultsWarnOnInlineStylesAndNoPermissionsPolicy() throws Exception {
        try (ExpressApp app = ExpressApp.withHeaders(dir, "helmet-defaults")) {
            Outcome headers = run(new SecurityHeadersCheck(), app, null);

            assertThat(headers.status()).as(headers.toString()).isEqualTo(Status.WARN);
            assertThat(headers.summary()).contains("Content-Security-Policy: scripts restricted, but style-src allows inline or any-host styles",
                    "Permissions-Policy: not set");
        }
    }

    @Test
    void withoutHelmetAndWithAReflectingCorsEachCheckFails() throws Exception {
        try (ExpressApp app = ExpressApp.withHeaders(dir, "open")) {
            Outcome headers = run(new SecurityHeadersCheck(), app, null);
            Outcome cookies = run(new CookiesCheck(), app, null);
            Outcome cors = run(new CorsResponseCheck(), app, null);

            assertThat(headers.status()).isEqualTo(Status.FAIL);
            assertThat(headers.evidence()).extracting(Evidence::describe)
                    .contains("Version leaks: WARN, X-Powered-By names the framework (Express)");
            assertThat(cookies.status()).isEqualTo(Status.FAIL);
            assertThat(cookies.summary()).startsWith("Cookie sessionid=Zm9v…: no Secure");
            assertThat(cors.status()).isEqualTo(Status.FAIL);
            assertThat(cors.summary()).contains("reflected with credentials", "the null origin is allowed with credentials");
        }
    }
}
