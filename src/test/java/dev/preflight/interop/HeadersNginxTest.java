package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.checks.http.CompressionCheck;
import dev.preflight.checks.http.CookiesCheck;
import dev.preflight.checks.http.CorsResponseCheck;
import dev.preflight.checks.http.HstsCheck;
import dev.preflight.checks.http.HttpsRedirectCheck;
import dev.preflight.checks.http.SecurityHeadersCheck;
import dev.preflight.checks.http.StaticCachingCheck;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.RepoSnapshot;

/**
 * The header checks against Debian's nginx, plain and TLS, in a good and a bad configuration
 * (docs/interop-tests.md): each check passes on the good site and fails on the bad one.
 */
class HeadersNginxTest {
    private static final List<Check> CHECKS = List.of(new HttpsRedirectCheck(), new HstsCheck(), new SecurityHeadersCheck(), new CookiesCheck(),
            new CorsResponseCheck(), new CompressionCheck(), new StaticCachingCheck());

    @TempDir
    Path dir;

    private Map<String, Outcome> runAll(HeaderSite site, RepoSnapshot repo) throws Exception {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        try (HeadersNginx nginx = HeadersNginx.serve(Files.createDirectories(dir.resolve(site.name())), site)) {
            HttpProbe probe = nginx.probe();
            for (Check check : CHECKS) {
                outcomes.put(check.info().id(), check.run(new CheckContext(new Params(Map.of()), "", repo, probe, false, null)));
            }
        }
        return outcomes;
    }

    @Test
    void everyHeaderCheckPassesOnTheGoodSite() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo/proj"));
        Files.writeString(repo.resolve("settings.py"), "CORS_ALLOWED_ORIGINS = ['" + HeaderSite.ALLOWED_ORIGIN + "']\n");

        Map<String, Outcome> outcomes = runAll(HeaderSite.GOOD, new RepoSnapshot(dir.resolve("repo")));

        SoftAssertions soft = new SoftAssertions();
        outcomes.forEach((id, outcome) -> soft.assertThat(outcome.status()).as(id + ": " + outcome).isEqualTo(Status.PASS));
        soft.assertThat(outcomes.get("http.https-redirect").summary()).contains("redirects permanently (301) to https://127.0.0.1:");
        soft.assertThat(outcomes.get("http.hsts").summary()).isEqualTo("max-age=63072000 (730 days), includeSubDomains yes, preload no");
        soft.assertThat(outcomes.get("http.cors").summary()).endsWith("the 1 origin(s) the repository names are allowed");
        soft.assertThat(outcomes.get("http.compression").summary()).isEqualTo("/ sent gzip; /static/app.css sent gzip");
        soft.assertThat(outcomes.get("http.static-files").summary()).contains("/static/app.css is cacheable for 30 day(s), ETag and Last-Modified");
        soft.assertAll();
    }

    @Test
    void everyHeaderCheckFailsOnTheBadSite() throws Exception {
        Map<String, Outcome> outcomes = runAll(HeaderSite.BAD, null);

        SoftAssertions soft = new SoftAssertions();
        outcomes.forEach((id, outcome) -> soft.assertThat(outcome.status()).as(id + ": " + outcome).isEqualTo(Status.FAIL));
        soft.assertThat(outcomes.get("http.https-redirect").summary()).endsWith("answered 200 without redirecting to https");
        soft.assertThat(outcomes.get("http.security-headers").summary()).contains("Version leaks: server: nginx/1.");
        soft.assertThat(outcomes.get("http.cors").summary()).isEqualTo("wildcard Access-Control-Allow-Origin: any site may read the answers");
        soft.assertThat(outcomes.get("http.cookies").evidence()).extracting(Evidence::describe).noneMatch(d -> d.contains("Zm9vYmFy"));
        soft.assertAll();
    }

    @Test
    void aReflectedOriginWithCredentialsFailsWhereTheAllowlistPasses() throws Exception {
        Outcome outcome = runAll(HeaderSite.GOOD.named("reflect").withCors(HeaderSite.Cors.REFLECT_WITH_CREDENTIALS), null).get("http.cors");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("the foreign origin https://preflight-cors-probe.example is reflected with credentials");
    }

    @Test
    void aTemporaryRedirectWarnsAndWeakHeadersFail() throws Exception {
        HeaderSite weak = HeaderSite.GOOD.named("weak").withRedirect(302)
                .with("Strict-Transport-Security", "max-age=15768000")
                .with("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'");

        Map<String, Outcome> outcomes = runAll(weak, null);

        assertThat(outcomes.get("http.https-redirect").status()).isEqualTo(Status.WARN);
        assertThat(outcomes.get("http.hsts").status()).isEqualTo(Status.FAIL);
        assertThat(outcomes.get("http.security-headers").summary()).isEqualTo("Content-Security-Policy: script-src allows 'unsafe-inline'");
    }
}
