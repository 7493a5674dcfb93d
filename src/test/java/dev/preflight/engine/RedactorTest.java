package dev.preflight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;

class RedactorTest {
    private final Redactor redactor = new Redactor(Map.of("Authorization", "Bearer SECRET-TOKEN-123", "X-Api-Key", "k3y-0f-the-api"),
            List.of("db-pass-w0rd"));

    @Test
    void masksHeaderValuesAndBearerTokensEverywhereInAnOutcome() {
        Outcome echoed = Outcome.fail("saw Bearer SECRET-TOKEN-123 in the page", "do not echo k3y-0f-the-api",
                List.of(new Evidence.Note("line 1: SECRET-TOKEN-123"), new Evidence.Http("GET /x", "HTTP 500 k3y-0f-the-api", 3L),
                        new Evidence.FileLine("app.py", 2, "key = 'k3y-0f-the-api'"), new Evidence.Measurement("samples", 1, "")));

        Outcome safe = redactor.redact(echoed);

        String all = safe.summary() + safe.remediation() + safe.evidence().stream().map(Evidence::describe).toList();
        assertThat(all).doesNotContain("SECRET-TOKEN-123").doesNotContain("k3y-0f-the-api").contains("…(redacted)");
        assertThat(safe.evidence().get(3)).isEqualTo(echoed.evidence().get(3));
    }

    @Test
    void masksTheDatabasePasswordsTheRunWasGiven() {
        Outcome echoed = Outcome.error("FATAL: password db-pass-w0rd rejected", new Evidence.Note("tried db-pass-w0rd"));

        Outcome safe = redactor.redact(echoed);

        assertThat(safe.summary() + safe.evidence()).doesNotContain("db-pass-w0rd").contains("db-…(redacted)");
    }

    @Test
    void keepsAtMostFourCharacters() {
        assertThat(Redactor.mask("SECRET-TOKEN-123")).isEqualTo("SECR…(redacted)");
        assertThat(Redactor.mask("abcdefg")).isEqualTo("a…(redacted)");
    }

    @Test
    void shortValuesAreNotTreatedAsSecrets() {
        Outcome o = Outcome.pass("feature on", new Evidence.Note("on"));

        assertThat(new Redactor(Map.of("X-Feature", "on"), List.of()).redact(o)).isEqualTo(o);
    }
}
