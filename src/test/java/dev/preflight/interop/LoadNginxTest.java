package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.HttpProbe;
import dev.preflight.load.LoadGenerator;
import dev.preflight.load.LoadModel;
import dev.preflight.load.LoadResult;
import dev.preflight.load.LoadSpec;

/**
 * The load generator against a real nginx: what it counts is what nginx logged. nginx 1.22 closes a
 * keep-alive connection after 100 requests ({@code keepalive_requests}), so a run of several hundred
 * requests per connection also goes through the generator's reconnects.
 */
class LoadNginxTest {

    @Test
    void aClosedRunCountsWhatNginxLogged(@TempDir Path dir) {
        try (Nginx nginx = Nginx.serve(dir, Map.of("/hello.json", Nginx.Page.json("{\"hello\":\"world\"}")))) {
            URI target = nginx.url().resolve("/hello.json");
            LoadResult r = LoadGenerator.run(LoadSpec.of(target, new LoadModel.Closed(4), 1_000, Duration.ofSeconds(30)), null);

            assertThat(r.errorCount()).isZero();
            assertThat(r.sent()).isEqualTo(1_000);
            assertThat(r.latency().getTotalCount()).isEqualTo(1_000);
            assertThat(nginx.requestsSinceStart()).hasSize(1_000)
                    .allSatisfy(line -> assertThat(line).startsWith("GET /hello.json 200 \"Preflight load"));
        }
    }

    @Test
    void anOpenRunOverTlsTrustsWhatTheProbeTrusts(@TempDir Path dir) {
        try (HeadersNginx nginx = HeadersNginx.serve(dir, HeaderSite.GOOD)) {
            HttpProbe probe = nginx.probe();
            LoadResult r = LoadGenerator.run(LoadSpec.of(nginx.https(), new LoadModel.Open(50), 50, Duration.ofSeconds(10)),
                    probe.sslContext().getSocketFactory());

            assertThat(r.errorCount()).isZero();
            assertThat(r.sent()).isEqualTo(50);
            assertThat(r.stoppedBy()).isEqualTo("the request bound");
        }
    }
}
