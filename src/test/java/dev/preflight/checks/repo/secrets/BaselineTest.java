package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.CannotParse;

class BaselineTest {
    private static final String SECRET = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    private static final Finding FOUND = new Finding("pay/stripe.go", 12, "stripe-key", SECRET, "key := \"" + SECRET + "\"");

    @Test
    void knowsASecretByTheHashOfItsValueWhereverItMoved() throws Exception {
        Baseline baseline = Baseline.parse("""
                {"secrets": [
                  {"sha256": "%s", "rule": "stripe-key", "path": "tests/fixtures/pay.go", "note": "revoked test key"}
                ]}
                """.formatted(Finding.sha256(SECRET)));

        assertThat(baseline.contains(FOUND)).isTrue();
        assertThat(baseline.contains(new Finding("elsewhere.py", 1, "generic-secret", SECRET, ""))).isTrue();
        assertThat(baseline.contains(new Finding("pay/stripe.go", 12, "stripe-key", SECRET + "x", ""))).isFalse();
    }

    @Test
    void hashesAreReadIgnoringCase() throws Exception {
        Baseline baseline = Baseline.parse("{\"secrets\": [{\"sha256\": \"" + Finding.sha256(SECRET).toUpperCase(Locale.ROOT) + "\"}]}");

        assertThat(baseline.contains(FOUND)).isTrue();
    }

    @Test
    void theHashIsSha256HexOfTheUtf8Value() {
        assertThat(Finding.sha256("test")).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void anEmptyFileOrOneWithoutSecretsAcceptsNothing() throws Exception {
        assertThat(Baseline.parse("").contains(FOUND)).isFalse();
        assertThat(Baseline.parse("{}").contains(FOUND)).isFalse();
        assertThat(Baseline.parse("{\"secrets\": []}").contains(FOUND)).isFalse();
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        assertThatThrownBy(() -> Baseline.parse("{\"secrets\": [\n  {\"sha256\": \"ab\",}\n]}"))
                .isInstanceOfSatisfying(CannotParse.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isPositive();
                    assertThat(e.describe()).startsWith("cannot parse at 2:");
                });
    }
}
