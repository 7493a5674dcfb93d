package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
    void aFileOfTheWrongShapeIsReportedWhereItGoesWrong() {
        assertCannotParse("[{\"sha256\": \"" + Finding.sha256(SECRET) + "\"}]", 1, 1, "expected an object");
        assertCannotParse("{\"secrets\": {\"sha256\": \"" + Finding.sha256(SECRET) + "\"}}", 1, 13, "\"secrets\" must be an array");
        assertCannotParse("{\"secrets\": [\n  {\"rule\": \"stripe-key\"}\n]}", 2, 3, "entry 1: \"sha256\" must be");
        assertCannotParse("{\"secrets\": [\n  \"" + Finding.sha256(SECRET) + "\"\n]}", 2, 3, "entry 1: \"sha256\" must be");
    }

    /** A person who pastes the secret where its hash goes has leaked it once; the error must not print it again. */
    @Test
    void aValueThatIsNotAHashIsRefusedWithoutRepeatingIt() {
        CannotParse e = assertCannotParse("{\"secrets\": [\n  {\"sha256\": \"" + Finding.sha256("a") + "\"},\n  {\"sha256\": \""
                + SECRET + "\", \"rule\": \"stripe-key\"}\n]}", 3, 3,
                "entry 2: \"sha256\" must be the 64 hex digits of the value's SHA-256, never the value itself");
        assertThat(e.getMessage()).doesNotContain(SECRET.substring(4));
    }

    private static CannotParse assertCannotParse(String json, int line, int column, String message) {
        try {
            Baseline.parse(json);
        } catch (CannotParse e) {
            assertThat(e.describe()).as(json).startsWith("cannot parse at " + line + ":" + column + ": " + message);
            return e;
        }
        throw new AssertionError("parsed: " + json);
    }

    @Test
    void acceptingAddsNewSecretsKeepsEarlierNotesAndCountsWhatItDid() throws Exception {
        String fixture = "ghp_" + "Zq8".repeat(12);
        Baseline before = Baseline.parse("""
                {"secrets": [
                  {"sha256": "%s", "rule": "stripe-key", "path": "old/place.go", "line": 1, "note": "revoked 2024-05"},
                  {"sha256": "%s", "rule": "github-pat", "path": "gone.txt", "line": 9, "note": "deleted"}
                ]}
                """.formatted(Finding.sha256(SECRET), Finding.sha256("gone")));

        Baseline.Merge merge = before.accept(List.of(FOUND, new Finding("pay/stripe_test.go", 3, "stripe-key", SECRET, ""),
                new Finding("a.py", 2, "github-pat", fixture, "")), "fixtures, reviewed by Dana");

        assertThat(merge.added()).isEqualTo(1);
        assertThat(merge.kept()).isEqualTo(2);
        assertThat(merge.notFound()).isEqualTo(1);
        assertThat(merge.baseline().bySha256().values()).containsExactly(
                new Baseline.Entry(Finding.sha256(fixture), "github-pat", "a.py", 2, "fixtures, reviewed by Dana"),
                new Baseline.Entry(Finding.sha256("gone"), "github-pat", "gone.txt", 9, "deleted"),
                new Baseline.Entry(Finding.sha256(SECRET), "stripe-key", "pay/stripe.go", 12, "revoked 2024-05"));
        assertThat(merge.baseline().contains(FOUND)).isTrue();
    }

    @Test
    void theWrittenFileHasOneEntryALineReadsBackAndHoldsNoSecret() throws Exception {
        Finding odd = new Finding("odd \"dir\"\\x.env", 1, "env-file-secret", "hunter2hunter2", "");
        Baseline baseline = Baseline.EMPTY.accept(List.of(FOUND, odd), "").baseline();

        String json = baseline.toJson();

        assertThat(json).isEqualTo("{\"secrets\": [\n"
                + "  {\"sha256\": \"" + Finding.sha256("hunter2hunter2") + "\", \"rule\": \"env-file-secret\", "
                + "\"path\": \"odd \\\"dir\\\"\\\\x.env\", \"line\": 1, \"note\": \"\"},\n"
                + "  {\"sha256\": \"" + Finding.sha256(SECRET) + "\", \"rule\": \"stripe-key\", \"path\": \"pay/stripe.go\", \"line\": 12, "
                + "\"note\": \"\"}\n"
                + "]}\n");
        assertThat(json).doesNotContain(SECRET.substring(8), "hunter2");
        assertThat(Baseline.parse(json)).isEqualTo(baseline);
        assertThat(Baseline.parse(Baseline.EMPTY.toJson())).isEqualTo(Baseline.EMPTY);
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
