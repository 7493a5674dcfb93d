package dev.preflight.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void keepsAtMostFourCharactersAndFewerForShortValues() {
        assertThat(Mask.secret("AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIA…");
        assertThat(Mask.secret("hunter2x")).isEqualTo("hu…");
        assertThat(Mask.secret("abc")).isEqualTo("…");
        assertThat(Mask.secret("")).isEmpty();
    }

    @Test
    void masksEveryOccurrenceInALine() {
        assertThat(Mask.in("SECRET_KEY = 'django-insecure-abcdef' # django-insecure-abcdef", "django-insecure-abcdef"))
                .isEqualTo("SECRET_KEY = 'djan…' # djan…");
    }
}
