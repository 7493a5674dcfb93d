package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.DotEnv.Entry;

class DotEnvTest {

    @Test
    void readsQuotesExportsCommentsAndMultiLineValues() {
        DotEnv env = DotEnv.parse(".env.production", """
                # production settings
                export SECRET_KEY='k3y with # and $dollar'
                DEBUG=False # off in production
                JWT_SECRET="line1\\nline2 \\"quoted\\""
                PRIVATE_KEY="-----BEGIN KEY-----
                abc
                -----END KEY-----"
                EMPTY=
                URL=http://host/#anchor
                """);

        assertThat(env.problems()).isEmpty();
        assertThat(env.entries()).containsExactly(
                new Entry("SECRET_KEY", "k3y with # and $dollar", 2),
                new Entry("DEBUG", "False", 3),
                new Entry("JWT_SECRET", "line1\nline2 \"quoted\"", 4),
                new Entry("PRIVATE_KEY", "-----BEGIN KEY-----\nabc\n-----END KEY-----", 5),
                new Entry("EMPTY", "", 8),
                new Entry("URL", "http://host/#anchor", 9));
    }

    @Test
    void reportsBadLinesWithLineAndColumnAndReadsTheRest() {
        DotEnv env = DotEnv.parse(".env", "  not a setting\nA='unterminated\nB=2\nB=3\n");

        assertThat(env.problems()).containsExactly("cannot parse at 1:3: expected KEY=VALUE", "cannot parse at 2:3: unterminated single quote");
        assertThat(env.get("B")).contains(new Entry("B", "3", 4));
    }
}
