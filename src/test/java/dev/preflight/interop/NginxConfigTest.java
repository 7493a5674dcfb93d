package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.NginxConfig;
import dev.preflight.collect.RepoSnapshot;

/**
 * The nginx config parser against the real nginx: {@code nginx -t} accepts the fixtures the parser
 * reads without error, and rejects the broken one at the line the parser names. The fixtures'
 * host paths (Let's Encrypt certificates, /var/log/nginx, the pid file) are rewritten into the
 * temporary directory, with a certificate made by openssl, so nginx can open what it checks.
 */
class NginxConfigTest {
    private static final Pattern NGINX_LINE = Pattern.compile("\\[emerg\\] (.*) in (\\S+):(\\d+)");

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    @Test
    void nginxAcceptsTheConfigThatPassesAndTheParserReadsItWithoutError() throws Exception {
        Path repo = copyFixture("pass");
        Result result = nginxTest(repo.resolve("deploy/nginx/nginx.conf"));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("syntax is ok", "test is successful");
        List<NginxConfig> configs = NginxConfig.load(new RepoSnapshot(repo));
        assertThat(configs).hasSize(1);
        assertThat(configs.getFirst().errors()).isEmpty();
    }

    @Test
    void nginxAcceptsTheSiteThatFailsOnPolicyNotOnSyntax() throws Exception {
        Path repo = copyFixture("fail");
        Path main = dir.resolve("main.conf");
        Files.writeString(main, "events {}\nhttp {\n    include " + repo.resolve("deploy/nginx/sites-enabled/upscaler") + ";\n}\n");
        Result result = nginxTest(main);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(NginxConfig.load(new RepoSnapshot(repo))).filteredOn(c -> c.root().endsWith("upscaler"))
                .singleElement().satisfies(c -> assertThat(c.errors()).isEmpty());
    }

    @Test
    void nginxAndTheParserRejectTheBrokenConfigAtTheSameLine() throws Exception {
        Path repo = copyFixture("invalid");
        Result result = nginxTest(repo.resolve("nginx.conf"));

        assertThat(result.exit()).as(result.output()).isNotZero();
        Matcher m = NGINX_LINE.matcher(result.output());
        assertThat(m.find()).as(result.output()).isTrue();
        assertThat(m.group(1)).isEqualTo("unexpected \"}\"");
        int nginxLine = Integer.parseInt(m.group(3));

        List<NginxConfig> configs = NginxConfig.load(new RepoSnapshot(repo));
        assertThat(configs).singleElement().satisfies(c -> assertThat(c.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(nginxLine);
            assertThat(e.excerpt()).startsWith("cannot parse at " + nginxLine + ":");
        }));
    }

    private Result nginxTest(Path config) throws Exception {
        Path nginx = ServerProcess.program("nginx");
        Path log = dir.resolve("nginx-t.log");
        Process process = new ProcessBuilder(nginx.toString(), "-t", "-p", dir.toString(), "-c", config.toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nginx -t did not finish: " + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log));
    }

    /** The fixture copied into the temporary directory, its host paths pointed into it. */
    private Path copyFixture(String name) throws Exception {
        Path source = Path.of(NginxConfigTest.class.getResource("/fixtures/config.nginx/" + name).toURI());
        Path target = dir.resolve("repo");
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.createDirectories(dir.resolve("logs"));
        selfSignedCertificate(certs);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        for (Path file : files) {
            Path copy = target.resolve(source.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            String text = Files.readString(file, StandardCharsets.UTF_8)
                    .replaceAll("/etc/letsencrypt/live/[^/]+/", certs + "/")
                    .replace("/var/log/nginx/", dir.resolve("logs") + "/")
                    .replace("/run/nginx.pid", dir.resolve("nginx.pid").toString());
            Files.writeString(copy, text, StandardCharsets.UTF_8);
        }
        return target;
    }

    private void selfSignedCertificate(Path certs) throws IOException, InterruptedException {
        Path openssl = ServerProcess.program("openssl");
        Process process = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-keyout", certs.resolve("privkey.pem").toString(), "-out", certs.resolve("fullchain.pem").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException("openssl could not make a certificate: " + Files.readString(dir.resolve("openssl.log"))));
        }
    }
}
