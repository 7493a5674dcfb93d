package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --plan --active} lists what the active checks would send, bounds included, and never a credential. */
class ActivePlanTest {
    private static final String KEY = "k-plan-8d2f1e0c9b";

    @TempDir
    Path dir;

    private LintCommandTest.Result plan(boolean active) throws Exception {
        Path checklist = Files.writeString(dir.resolve("checklist.md"), """
                # Launch
                ## Security
                - [ ] Rate limiting enabled <!-- preflight: http.rate-limit path=/api/items burst=50 -->
                - [ ] Test API key authentication <!-- preflight: http.auth path=/api/items -->
                - [ ] File upload limits - 10MB max size
                - [ ] Test SQL injection attempts
                """);
        Path config = Files.writeString(dir.resolve("preflight.yaml"), """
                bind:
                  security/test-sql-injection-attempts:
                    - check: http.injection
                      params: {path: "/search?q=shoes"}
                """);
        return active
                ? LintCommandTest.run("check", checklist.toString(), "--config", config.toString(), "--url", "http://127.0.0.1:9",
                        "--active", "--plan", "--header", "X-API-Key: " + KEY)
                : LintCommandTest.run("check", checklist.toString(), "--config", config.toString(), "--url", "http://127.0.0.1:9", "--plan");
    }

    @Test
    void theActivePlanListsEveryBurstUploadAndPayloadWithItsBounds() throws Exception {
        LintCommandTest.Result r = plan(true);

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("  burst: up to 50 x GET http://127.0.0.1:9/api/items, 8 at a time, for at most 10 s, stopping at the first answer that settles the check\n")
                .contains("  GET http://127.0.0.1:9/api/items with no credential (without the --header values)\n")
                .contains("  GET http://127.0.0.1:9/api/items with an invalid X-API-Key value\n")
                .contains("  POST http://127.0.0.1:9/upload with multipart/form-data, field 'file': preflight-oversize.png (image/png, 10.1 MiB)"
                          + " (Content-Length 10551455; writing stops at the server's first answer)\n")
                .contains("  GET http://127.0.0.1:9/search?q=%27\n")
                .contains("  GET http://127.0.0.1:9/search?q=%22%3E%3Csvg+onload%3Dalert%28%27preflight-xss%27%29%3E\n")
                .doesNotContain(KEY);
    }

    @Test
    void withoutActiveThePlanHasNoneOfThem() throws Exception {
        LintCommandTest.Result r = plan(false);

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("passive checks only (add --active for bursts, uploads and payloads)")
                .doesNotContain("burst:").doesNotContain("POST ").doesNotContain("/search");
    }
}
