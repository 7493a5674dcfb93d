package dev.preflight.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.config.ConfigException;
import dev.preflight.config.ConfigLoader;

/** Scenarios as preflight.yaml writes them: defaults, bounds, uploads, and one clear line for each mistake. */
class ScenariosTest {
    @TempDir
    Path dir;

    private Scenarios read(String yaml) throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve("preflight.yaml"), yaml, StandardCharsets.UTF_8);
        return Scenarios.from(ConfigLoader.load(file));
    }

    @Test
    void aScenarioWithOnlyARateGetsModestBoundsAndIsTheDefaultWhenAlone() throws Exception {
        Scenarios s = read("""
                load:
                  scenarios:
                    api:
                      rate: 50
                      thresholds: ["p(95)<200ms", "rate<0.01"]
                """);
        Scenario api = s.standard().orElseThrow();
        assertThat(api.name()).isEqualTo("api");
        assertThat(api.where()).endsWith("preflight.yaml:3");
        assertThat(api.model()).isEqualTo(new LoadModel.Open(50));
        assertThat(api.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(api.maxRequests()).isEqualTo(750);
        assertThat(api.requests()).containsExactly(LoadRequest.get("/"));
        assertThat(api.latencyThresholds()).extracting(Threshold::text).containsExactly("p(95)<200ms");
        assertThat(api.errorRateThresholds()).extracting(Threshold::text).containsExactly("rate<0.01");
        LoadSpec spec = api.spec(URI.create("http://127.0.0.1:8080/base"), Map.of("X-Api-Key", "k"));
        assertThat(spec.origin()).isEqualTo(URI.create("http://127.0.0.1:8080/"));
        assertThat(spec.abortWhenLost()).isEmpty();
        assertThat(spec.describe()).isEqualTo("load: GET http://127.0.0.1:8080/, open model, 50 requests a second, "
                                              + "at most 750 requests in 15 s (each answer within 10 s)");
    }

    @Test
    void aClosedScenarioMixesRequestsAndUploadsAFileAsMultipart() throws Exception {
        Files.write(dir.resolve("avatar.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Scenarios s = read("""
                load:
                  default: uploads
                  scenarios:
                    browse:
                      rate: 10
                    uploads:
                      connections: 4
                      duration: 20s
                      warmup: 2s
                      ramp: 5s
                      abortOnFail: true
                      thresholds: ["rate<0.05"]
                      requests:
                        - path: /api/items
                          weight: 3
                        - path: /upload
                          file: avatar.png
                          field: avatar
                """);
        Scenario up = s.standard().orElseThrow();
        assertThat(up.name()).isEqualTo("uploads");
        assertThat(up.uploads()).isTrue();
        assertThat(up.maxRequests()).isEqualTo(4_000);
        LoadRequest upload = up.requests().get(1);
        assertThat(upload.method()).isEqualTo("POST");
        assertThat(upload.headers().get("Content-Type")).startsWith("multipart/form-data; boundary=");
        String body = new String(upload.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("Content-Disposition: form-data; name=\"avatar\"; filename=\"avatar.png\"\r\nContent-Type: image/png");
        assertThat(upload.describe("/upload")).isEqualTo("POST /upload (file avatar.png, 7 bytes, as multipart field 'avatar')");
        LoadSpec spec = up.spec(URI.create("http://127.0.0.1:1/"), Map.of());
        assertThat(spec.abortWhenLost()).extracting(Threshold::text).containsExactly("rate<0.05");
        assertThat(spec.describe()).contains("GET /api/items ×3, POST /upload (file avatar.png").contains("closed model, 4 connections")
                .contains("warm-up 2 s (not measured), ramp 5 s");
        assertThat(s.all()).extracting(Scenario::name).containsExactly("browse", "uploads");
    }

    @Test
    void manyScenariosWithoutADefaultLeaveItemsToNameOne() throws Exception {
        Scenarios s = read("""
                load:
                  scenarios:
                    a: {rate: 5}
                    b: {connections: 2}
                """);
        assertThat(s.standard()).isEmpty();
        assertThat(s.named("b").model()).isEqualTo(new LoadModel.Closed(2));
        assertThatThrownBy(() -> s.named("c")).hasMessage("no load scenario 'c' in preflight.yaml (a, b)");
    }

    @Test
    void eachMistakeIsOneLineNamingTheScenarioAndItsLine() {
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      rate: 5\n      connections: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("preflight.yaml:3: load scenario 'x': give rate (open model) or connections (closed model), not both");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      duration: 2h\n"))
                .hasMessageEndingWith("load scenario 'x': duration must be above 0 and at most 1h");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      thresholds: [\"p95 < 200\"]\n"))
                .hasMessageContaining("'p95 < 200' is not a threshold: write p(95)<200ms");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      requests:\n        - path: /u\n          file: missing.bin\n"))
                .hasMessageContaining("load scenario 'x': request 1: file ").hasMessageEndingWith("missing.bin: no such file");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      requests:\n        - path: no-slash\n"))
                .hasMessageContaining("request 1: a load request's path starts with /");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      requests:\n        - headers: {Host: evil}\n"))
                .hasMessageContaining("'Host' cannot be given as a request header here");
        assertThatThrownBy(() -> read("load:\n  default: y\n  scenarios:\n    x: {rate: 1}\n"))
                .hasMessageEndingWith("load.default names 'y', which is not among the scenarios (x)");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      rte: 5\n"))
                .hasMessageContaining("preflight.yaml:4:7: unknown key 'rte'");
        assertThatThrownBy(() -> read("load:\n  scenarios:\n    x:\n      warmup: 20s\n"))
                .hasMessageEndingWith("warmup must be shorter than the duration, and the ramp no longer than it");
    }
}
