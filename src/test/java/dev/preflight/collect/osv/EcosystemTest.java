package dev.preflight.collect.osv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcosystemTest {

    @Test
    void readsOsvEcosystemNamesWithTheirVariants() {
        assertThat(Ecosystem.ofOsv("PyPI")).contains(Ecosystem.PYPI);
        assertThat(Ecosystem.ofOsv("Maven:https://repo.example.com")).contains(Ecosystem.MAVEN);
        assertThat(Ecosystem.ofOsv("Debian:11")).isEmpty();
    }

    @Test
    void ordersEachEcosystemByItsOwnRules() {
        assertThat(Ecosystem.PYPI.compare("1.0rc1", "1.0")).isNegative();
        assertThat(Ecosystem.MAVEN.compare("1.0-SNAPSHOT", "1.0")).isNegative();
        assertThat(Ecosystem.MAVEN.compare("1.0-sp1", "1.0")).isPositive();
        assertThat(Ecosystem.NPM.compare("1.0.0-rc.1", "1.0.0")).isNegative();
        assertThat(Ecosystem.GO.compare("v2.0.0+incompatible", "v1.9.9")).isPositive();
    }

    @Test
    void normalisesOnlyPythonNames() {
        assertThat(Ecosystem.PYPI.normalize("Zope.Interface")).isEqualTo("zope-interface");
        assertThat(Ecosystem.NPM.normalize("@Scope/Pkg")).isEqualTo("@Scope/Pkg");
    }
}
