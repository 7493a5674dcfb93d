package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class NginxCheckTest {
    private static final String SITE = """
            server_tokens off;
            server {
                listen 80;
                server_name app.example.com;
                return 301 https://$host$request_uri;
            }
            server {
                listen 443 ssl http2;
                server_name app.example.com;
                ssl_protocols TLSv1.2 TLSv1.3;
                add_header Strict-Transport-Security "max-age=63072000" always;
                client_max_body_size 20m;
                location / {
                    limit_req zone=api burst=10;
                    proxy_pass http://127.0.0.1:8000;
                }
            }
            """;

    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(NginxCheckTest.class.getResource("/fixtures/config.nginx/" + name).toURI());
    }

    private static Outcome check(Path repo, String item, Params params) {
        return new NginxCheck().run(new CheckContext(params, item, new RepoSnapshot(repo), null, false));
    }

    @Test
    void passesOnALetsEncryptSiteWithEveryHardeningAndRecommendedSetting() throws Exception {
        Outcome outcome = check(fixture("pass"), "Configure Nginx/Apache virtual host", Params.NONE);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("1 nginx config(s), 2 server block(s)");
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("deploy/nginx/nginx.conf", 13, "server_tokens off"),
                new Evidence.FileLine("deploy/nginx/snippets/ssl-params.conf", 2, "ssl_protocols TLSv1.2 TLSv1.3"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/filetoapi.conf", 5, "server filetoapi.example.com on port 80 redirects to HTTPS"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/filetoapi.conf", 28, "client_max_body_size 10M"));
    }

    @Test
    void failsOnOldTlsNoRedirectUnlimitedBodyAndAFileNginxWouldReject() throws Exception {
        Outcome outcome = check(fixture("fail"), "Configure reverse proxy (Nginx)", Params.NONE);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("deploy/nginx/broken.conf", 5, "cannot parse at 5:5: unexpected \"}\" after \"proxy_pass\" (missing \";\")"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/upscaler", 17, "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 (TLS 1.0/1.1 are deprecated, RFC 8996)"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/upscaler", 1, "server upscaler.example.com on port 80: serves plain HTTP instead of "
                        + "redirecting to HTTPS (return 301 https://$host$request_uri)"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/upscaler", 4, "client_max_body_size 0 (0 disables the limit)"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/upscaler", 12, "server upscaler.example.com: no Strict-Transport-Security header"),
                new Evidence.FileLine("deploy/nginx/sites-enabled/upscaler", 1,
                        "server upscaler.example.com: server_tokens is not set (nginx shows its version by default)"));
        assertThat(outcome.remediation()).contains("server_tokens off", "TLSv1.2 TLSv1.3", "nginx -t");
    }

    @Test
    void warnsWhenOnlyRecommendedSettingsAreMissing() throws Exception {
        write(dir, "nginx/app.conf", SITE);

        Outcome outcome = check(dir, "Configure reverse proxy (Nginx)", Params.NONE);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("nginx/app.conf", 0, "gzip is not on"),
                new Evidence.FileLine("nginx/app.conf", 0, "no location serves static files with root or alias (the app server serves them)"));
    }

    @Test
    void failsWhenTheItemAsksForWhatIsOnlyRecommended() throws Exception {
        write(dir, "nginx/app.conf", SITE);

        Outcome outcome = check(dir, "Configure Nginx/Apache to serve static files", Params.NONE);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("nginx/app.conf: no location serves static files with root or alias (the app server serves them)");
    }

    @Test
    void failsWhenTheBodyLimitIsLargerThanTheItemAllows() throws Exception {
        write(dir, "nginx/app.conf", SITE);

        Outcome outcome = check(dir, "Configure reverse proxy (Nginx)", new Params(Map.of("maxSize", "10MB")));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("nginx/app.conf:12: client_max_body_size 20m: larger than the item's 10 MB");
    }

    @Test
    void passesTheRedirectWhenDoneInAnIfBlockOfACombinedServer() throws Exception {
        write(dir, "nginx/app.conf", """
                server {
                    listen 80;
                    listen 443 ssl;
                    if ($scheme != "https") {
                        return 308 https://$host$request_uri;
                    }
                    proxy_pass_header Server;
                }
                """);

        Outcome outcome = check(dir, "Configure reverse proxy (Nginx)", Params.NONE);

        assertThat(outcome.evidence()).noneMatch(e -> e.describe().contains("redirect"));
    }

    @Test
    void passesACatchAllThatRefusesAndACertbotRedirect() throws Exception {
        write(dir, "nginx/app.conf", SITE.replace("""
                server {
                    listen 80;
                    server_name app.example.com;
                    return 301 https://$host$request_uri;
                }
                """, """
                server {
                    listen 80 default_server;
                    server_name _;
                    return 444;
                }
                server {
                    if ($host = app.example.com) {
                        return 301 https://$host$request_uri;
                    } # managed by Certbot
                    listen 80;
                    server_name app.example.com;
                    return 404; # managed by Certbot
                }
                """));

        Outcome outcome = check(dir, "Configure reverse proxy (Nginx)", Params.NONE);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("1 nginx config(s), 3 server block(s)");
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly("nginx/app.conf: gzip is not on",
                "nginx/app.conf: no location serves static files with root or alias (the app server serves them)");
    }

    @Test
    void failsWhenALocationsOwnAddHeaderDropsTheServersHsts() throws Exception {
        write(dir, "nginx/app.conf", SITE.replace("location / {", """
                location /media/ {
                        alias /srv/app/media/;
                        expires 7d;
                        add_header Cache-Control "public";
                    }
                    location / {"""));

        Outcome outcome = check(dir, "Configure reverse proxy (Nginx)", Params.NONE);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("nginx/app.conf:16: location /media/ sets its own add_header, so nginx drops the server's "
                + "Strict-Transport-Security there (repeat it in the location)");
    }

    @Test
    void isNotApplicableWithoutNginxConfig() throws Exception {
        write(dir, "app.py", "print('hi')\n");

        Outcome outcome = check(dir, "Configure reverse proxy (Nginx)", Params.NONE);

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("no nginx configuration in the repository (stack: Python)");
    }
}
