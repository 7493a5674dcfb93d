package dev.preflight.collect.osv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SemVerTest {

    private static void ascending(String... versions) {
        for (int i = 1; i < versions.length; i++) {
            assertThat(SemVer.parse(versions[i - 1]).compareTo(SemVer.parse(versions[i])))
                    .as(versions[i - 1] + " < " + versions[i]).isNegative();
            assertThat(SemVer.parse(versions[i]).compareTo(SemVer.parse(versions[i - 1])))
                    .as(versions[i] + " > " + versions[i - 1]).isPositive();
        }
    }

    private static void same(String a, String b) {
        assertThat(SemVer.parse(a).compareTo(SemVer.parse(b))).as(a + " == " + b).isZero();
    }

    @Test
    void ordersTheSpecificationsPrereleaseExample() {
        // SemVer 2.0.0, rule 11.
        ascending("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0");
    }

    @Test
    void comparesNumbersNumerically() {
        ascending("1.9.0", "1.10.0", "1.10.1", "2.0.0", "10.0.0");
        ascending("4.17.20", "4.17.21");
    }

    @Test
    void ignoresBuildMetadataAndTheGoIncompatibleMarker() {
        same("1.0.0+build.1", "1.0.0+build.2");
        same("v2.0.0+incompatible", "2.0.0");
    }

    @Test
    void readsGoVersionsAndPseudoVersions() {
        ascending("v0.0.0-20220722155237-a158d28d115b", "v0.1.0", "v0.7.0");
        ascending("v1.2.3", "v1.2.4-0.20230101000000-abcdefabcdef", "v1.2.4");
    }

    @Test
    void fillsInAMissingMinorOrPatch() {
        same("1.2", "1.2.0");
        same("1", "1.0.0");
    }

    @Test
    void rejectsRanges() {
        assertThatThrownBy(() -> SemVer.parse("^1.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SemVer.parse("1.x")).isInstanceOf(IllegalArgumentException.class);
    }
}
