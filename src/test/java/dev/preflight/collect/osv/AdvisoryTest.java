package dev.preflight.collect.osv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AdvisoryTest {

    private static Advisory.Event introduced(String v) {
        return new Advisory.Event(Advisory.Event.Kind.INTRODUCED, v);
    }

    private static Advisory.Event fixed(String v) {
        return new Advisory.Event(Advisory.Event.Kind.FIXED, v);
    }

    private static Advisory.Event lastAffected(String v) {
        return new Advisory.Event(Advisory.Event.Kind.LAST_AFFECTED, v);
    }

    @Test
    void evaluatesEventsInVersionOrderWhateverOrderTheyAreWritten() {
        Advisory.Range range = new Advisory.Range(false, List.of(fixed("1.5"), introduced("2.0"), introduced("0"), fixed("2.1")));

        assertThat(range.affects(Ecosystem.PYPI, "1.0")).isTrue();
        assertThat(range.affects(Ecosystem.PYPI, "1.5")).isFalse();
        assertThat(range.affects(Ecosystem.PYPI, "1.9")).isFalse();
        assertThat(range.affects(Ecosystem.PYPI, "2.0")).isTrue();
        assertThat(range.affects(Ecosystem.PYPI, "2.1rc1")).isTrue();
        assertThat(range.affects(Ecosystem.PYPI, "2.1")).isFalse();
    }

    @Test
    void aRangeWithoutAFixIsOpenEnded() {
        Advisory.Range range = new Advisory.Range(false, List.of(introduced("1.0")));

        assertThat(range.affects(Ecosystem.PYPI, "0.9")).isFalse();
        assertThat(range.affects(Ecosystem.PYPI, "99")).isTrue();
    }

    @Test
    void lastAffectedIncludesThatVersion() {
        Advisory.Range range = new Advisory.Range(true, List.of(introduced("0"), lastAffected("1.2.3")));

        assertThat(range.affects(Ecosystem.NPM, "1.2.3")).isTrue();
        assertThat(range.affects(Ecosystem.NPM, "1.2.4-beta.1")).isFalse();
    }

    @Test
    void aSemverRangeUsesSemverOrderEvenInAnotherEcosystem() {
        Advisory.Range range = new Advisory.Range(true, List.of(introduced("0"), fixed("1.0.0")));

        assertThat(range.affects(Ecosystem.GO, "v1.0.0-rc.1")).isTrue();
        assertThat(range.affects(Ecosystem.GO, "v1.0.0")).isFalse();
    }

    @Test
    void anExplicitVersionListMatchesExactly() {
        Advisory.Affected affected = new Advisory.Affected(Ecosystem.MAVEN, "g:a", List.of("1.0", "1.1"), List.of());

        assertThat(affected.affects("1.1")).isTrue();
        assertThat(affected.affects("1.2")).isFalse();
    }
}
