package dev.preflight.checks.repo.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cheap tests that keep the regexes off lines that cannot hold a secret: they must never rule out one that can. */
class LineShapesTest {

    @Test
    void aQuotedTokenNeedsItsLengthBetweenTwoQuotes() {
        assertThat(LineShapes.hasQuotedToken("key = \"a1b2c3d4e5f6\"", 12)).isTrue();
        assertThat(LineShapes.hasQuotedToken("key = \"a1b2 c3d4e5f6\"", 12)).isFalse();
        assertThat(LineShapes.hasQuotedToken("key = \"short\"", 12)).isFalse();
    }

    @Test
    void aTrailingTokenNeedsAnAssignment() {
        assertThat(LineShapes.endsWithToken("api.key=Zx8Kq2Lm9Pw4", 12)).isTrue();
        assertThat(LineShapes.endsWithToken("just some prose ending in averyveryverylongword", 12)).isFalse();
    }

    @Test
    void literalsAreMatchedCaseSensitively() {
        assertThat(LineShapes.containsAny("id = AKIA...", "AKIA", "ASIA")).isTrue();
        assertThat(LineShapes.containsAny("Akiak, Alaska", "AKIA", "ASIA")).isFalse();
    }

    @Test
    void aHexDigitMustFollowThePrefix() {
        assertThat(LineShapes.hasHexAfter("TASK_QUEUE SK_LIMIT = SKa1b2", "SK")).isTrue();
        assertThat(LineShapes.hasHexAfter("TASK_QUEUE DISK_SIZE", "SK")).isFalse();
        assertThat(LineShapes.hasHexAfter("ends with SK", "SK")).isFalse();
    }
}
