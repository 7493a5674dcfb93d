package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report;

/** http.rate-limit against express-rate-limit from npm: the limited route passes with its headers quoted, the open one fails. */
class ActiveExpressAppTest {
    private static final String RATE_LIMIT_ITEM = "security/rate-limiting-enabled-on-api-endpoints";

    @TempDir
    Path dir;

    private Report.CheckReport rateLimit(String path) throws Exception {
        try (ActiveExpressApp app = ActiveExpressApp.start(dir)) {
            Report report = ActiveRun.check(dir, app.url(), ActiveRun.bind(RATE_LIMIT_ITEM, "http.rate-limit", path), Map.of(), null);
            return ActiveRun.result(report, ActiveRun.RATE_LIMIT, "http.rate-limit");
        }
    }

    @Test
    void passesOnTheLimitedRouteWithTheLimitersOwnHeaders() throws Exception {
        Report.CheckReport result = rateLimit("/api/limited");

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.PASS);
        assertThat(result.summary()).startsWith("limited at request ").contains("(429; ");
        String evidence = String.join("\n", result.evidence().stream().map(Evidence::describe).toList());
        assertThat(evidence).contains("limit headers on the 429: RateLimit: limit=20, remaining=0, reset=60; RateLimit-Policy: 20;w=60; ")
                .contains("X-RateLimit-Limit: 20; X-RateLimit-Remaining: 0")
                .contains("Retry-After: ");
    }

    @Test
    void failsOnTheRouteWithoutALimit() throws Exception {
        Report.CheckReport result = rateLimit("/api/open");

        assertThat(result.status()).as(result.summary()).isEqualTo(Status.FAIL);
        assertThat(result.summary()).startsWith("no 429 in a burst of 120 requests in ").endsWith(" to /api/open (request bound reached)");
    }
}
