package dev.preflight.collect.osv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MavenVersionTest {

    private static void ascending(String... versions) {
        for (int i = 1; i < versions.length; i++) {
            assertThat(MavenVersion.parse(versions[i - 1]).compareTo(MavenVersion.parse(versions[i])))
                    .as(versions[i - 1] + " < " + versions[i]).isNegative();
            assertThat(MavenVersion.parse(versions[i]).compareTo(MavenVersion.parse(versions[i - 1])))
                    .as(versions[i] + " > " + versions[i - 1]).isPositive();
        }
    }

    private static void same(String a, String b) {
        assertThat(MavenVersion.parse(a).compareTo(MavenVersion.parse(b))).as(a + " == " + b).isZero();
    }

    @Test
    void ordersQualifiersAsComparableVersionDoes() {
        ascending("1.0-alpha1", "1.0-beta1", "1.0-milestone1", "1.0-rc1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.0.1");
    }

    @Test
    void followsMavensOwnTestSequence() {
        // The ascending list of Maven's ComparableVersionTest.
        ascending("2.0", "2-1", "2.0.a", "2.0.0.a", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1",
                "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m");
        ascending("1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc", "1-cr2",
                "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1",
                "1-2", "1-123");
    }

    @Test
    void treatsTrailingZerosAndReleaseQualifiersAsNothing() {
        same("1", "1.0");
        same("1", "1.0.0");
        same("1.0", "1-ga");
        same("1.0", "1.0.FINAL");
        same("1.0", "1-release");
        same("2.0-RC1", "2.0-cr1");
        same("1.0-a1", "1.0-alpha-1");
        same("1.0-m3", "1.0-milestone-3");
    }

    @Test
    void comparesNumbersNumericallyAndIgnoresCase() {
        ascending("2.9", "2.10", "2.14.1", "2.15.0", "2.17.1");
        same("1.0-ALPHA1", "1.0-alpha1");
    }

    @Test
    void ordersLog4jVersionsAroundTheLog4ShellFix() {
        ascending("2.0-alpha1", "2.0-beta9", "2.0-rc1", "2.0", "2.14.1", "2.15.0");
    }

    @Test
    void sortsUnknownQualifiersAfterKnownOnesAlphabetically() {
        ascending("1.0-sp", "1.0-foo", "1.0-zzz");
        ascending("1.0.Final", "1.0.jre", "1.0.1");
    }
}
