package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.collect.NginxSyntax.Directive;

class NginxConfigTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws Exception {
        return Path.of(NginxConfigTest.class.getResource("/fixtures/config.nginx/" + name).toURI());
    }

    @Test
    void followsGlobIncludesFromTheConfigRootAndNestedSnippets() throws Exception {
        List<NginxConfig> configs = NginxConfig.load(new RepoSnapshot(fixture("pass")));

        assertThat(configs).extracting(NginxConfig::root).containsExactly("deploy/nginx/nginx.conf");
        NginxConfig config = configs.getFirst();
        assertThat(config.files()).containsExactly("deploy/nginx/nginx.conf", "deploy/nginx/mime.types",
                "deploy/nginx/sites-enabled/filetoapi.conf", "deploy/nginx/snippets/ssl-params.conf");
        assertThat(config.errors()).isEmpty();
        assertThat(config.servers()).hasSize(2);
        NginxConfig.Server https = config.servers().get(1);
        assertThat(https.tls()).isTrue();
        assertThat(https.find("ssl_protocols")).map(Directive::file).hasValue("deploy/nginx/snippets/ssl-params.conf");
        assertThat(https.find("server_tokens")).map(Directive::text).hasValue("server_tokens off");
        assertThat(config.servers().get(0).plainHttp()).isTrue();
    }

    @Test
    void includesRelativeToTheIncludingFileAndAbsoluteEtcNginxPaths() throws Exception {
        write(dir, "ops/nginx.conf", "http {\n  include /etc/nginx/conf.d/*.conf;\n  include /etc/letsencrypt/options-ssl-nginx.conf;\n}\n");
        write(dir, "ops/conf.d/app.conf", "server {\n  listen 80;\n  include parts/common;\n}\n");
        write(dir, "ops/conf.d/parts/common", "server_tokens off;\n");

        List<NginxConfig> configs = NginxConfig.load(new RepoSnapshot(dir));

        assertThat(configs).extracting(NginxConfig::root).containsExactly("ops/nginx.conf");
        NginxConfig config = configs.getFirst();
        assertThat(config.servers().getFirst().find("server_tokens")).isPresent();
        assertThat(config.missingIncludes()).containsExactly(new Evidence.FileLine("ops/nginx.conf", 3,
                "include /etc/letsencrypt/options-ssl-nginx.conf (not in the repository)"));
    }

    @Test
    void readsSitesAvailableWhenTheRepositoryShipsNoSitesEnabled() throws Exception {
        write(dir, "deploy/nginx.conf", "events {}\nhttp {\n  server_tokens off;\n  include /etc/nginx/sites-enabled/*;\n}\n");
        write(dir, "deploy/sites-available/app", "server {\n  listen 80;\n}\n");

        List<NginxConfig> configs = NginxConfig.load(new RepoSnapshot(dir));

        assertThat(configs).extracting(NginxConfig::root).containsExactly("deploy/nginx.conf");
        assertThat(configs.getFirst().servers().getFirst().find("server_tokens")).isPresent();
    }

    @Test
    void reportsAFileItCannotParseAndKeepsTheOthers() throws Exception {
        List<NginxConfig> configs = NginxConfig.load(new RepoSnapshot(fixture("fail")));

        assertThat(configs).extracting(NginxConfig::root).containsExactly("deploy/nginx/broken.conf", "deploy/nginx/sites-enabled/upscaler");
        assertThat(configs.getFirst().errors()).containsExactly(new Evidence.FileLine("deploy/nginx/broken.conf", 5,
                "cannot parse at 5:5: unexpected \"}\" after \"proxy_pass\" (missing \";\")"));
        assertThat(configs.get(1).servers()).hasSize(2);
    }

    @Test
    void aFileThatIncludesItselfIsReportedNotFollowedForever() throws Exception {
        write(dir, "nginx/nginx.conf", "http {\n  include nginx.conf;\n  server { listen 80; }\n}\n");

        NginxConfig config = NginxConfig.load(new RepoSnapshot(dir)).getFirst();

        assertThat(config.errors()).extracting(Evidence.FileLine::excerpt).containsExactly("include nginx.conf includes itself");
        assertThat(config.servers()).hasSize(1);
    }

    @Test
    void leavesSupervisorAndLogrotateFilesAlone() throws Exception {
        write(dir, "deploy/supervisor/app.conf", "[program:app]\ncommand=gunicorn app:app\n");
        write(dir, "deploy/logrotate.d/app", "/var/log/app/*.log {\n  daily\n}\n");

        assertThat(NginxConfig.load(new RepoSnapshot(dir))).isEmpty();
    }
}
