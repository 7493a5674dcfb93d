package dev.preflight.collect.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class Pep440Test {

    /** Each version sorts strictly after the one before it. */
    private static void ascending(String... versions) {
        for (int i = 1; i < versions.length; i++) {
            assertThat(Pep440.parse(versions[i - 1]).compareTo(Pep440.parse(versions[i])))
                    .as(versions[i - 1] + " < " + versions[i]).isNegative();
            assertThat(Pep440.parse(versions[i]).compareTo(Pep440.parse(versions[i - 1])))
                    .as(versions[i] + " > " + versions[i - 1]).isPositive();
        }
    }

    private static void same(String a, String b) {
        assertThat(Pep440.parse(a).compareTo(Pep440.parse(b))).as(a + " == " + b).isZero();
    }

    @Test
    void ordersTheSpecificationsOwnExample() {
        // PEP 440, "Summary of permitted suffixes and relative ordering".
        ascending("1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
                "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7", "1.0+5",
                "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1");
    }

    @Test
    void comparesReleaseSegmentsAsNumbersAndIgnoresTrailingZeros() {
        ascending("2.2.4", "2.2.5", "2.10", "10.0");
        same("1.0", "1.0.0");
        same("2", "2.0.0.0");
    }

    @Test
    void anEpochOutranksEveryRelease() {
        ascending("2024.1", "1!0.1", "1!2.0", "2!0.0.1");
        same("0!1.0", "1.0");
    }

    @Test
    void normalisesSpellingsAsPipDoes() {
        same("1.0alpha1", "1.0a1");
        same("1.0-BETA.2", "1.0b2");
        same("1.0c1", "1.0rc1");
        same("1.0preview1", "1.0rc1");
        same("1.0-1", "1.0.post1");
        same("1.0rev2", "1.0.post2");
        same("1.0.post", "1.0.post0");
        same("1.0-dev", "1.0.dev0");
        same("v1.0", "1.0");
        same("1.0a", "1.0a0");
    }

    @Test
    void aDevReleaseOfAPostReleaseSortsAfterTheRelease() {
        ascending("1.0", "1.0.post1.dev0", "1.0.post1");
    }

    @Test
    void localLabelsCompareNumericSegmentsAboveTextAndLongerAboveShorter() {
        ascending("1.0+abc", "1.0+abc.1", "1.0+1", "1.0+2", "1.0+10");
    }

    @Test
    void sortsAListLikePackagingDoes() {
        List<String> shuffled = List.of("2.0", "2.0rc1", "1.9.post1", "2.0.dev3", "1.9", "2.0b1");
        assertThat(shuffled.stream().sorted((a, b) -> Pep440.parse(a).compareTo(Pep440.parse(b))).toList())
                .containsExactly("1.9", "1.9.post1", "2.0.dev3", "2.0b1", "2.0rc1", "2.0");
    }

    @Test
    void rejectsWhatIsNotAVersion() {
        assertThatThrownBy(() -> Pep440.parse("latest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pep440.parse("1.0-foo")).isInstanceOf(IllegalArgumentException.class);
    }
}
