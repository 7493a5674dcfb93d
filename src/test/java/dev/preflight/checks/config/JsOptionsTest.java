package dev.preflight.checks.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsOptionsTest {
    @Test
    void readsTopLevelPropertiesAndNestedObjects() {
        JsOptions options = JsOptions.parse("""
                {
                  secret: process.env.SECRET, // a comment, with: a colon
                  'resave': false,
                  store: new RedisStore({ client }),
                  cookie: { secure: true, sameSite: `lax` /* strict later */ },
                  rolling,
                }""").orElseThrow();

        assertThat(options.properties()).containsOnlyKeys("secret", "resave", "store", "cookie", "rolling");
        assertThat(options.get("store")).contains("new RedisStore({ client })");
        assertThat(options.get("rolling")).contains("rolling");
        assertThat(options.object("cookie").orElseThrow().get("sameSite")).contains("`lax`");
        assertThat(options.object("store")).isEmpty();
    }

    @Test
    void keepsCommentMarkersInsideStringsAndFindsNoObjectInAVariable() {
        assertThat(JsOptions.withoutComments("url: 'http://x' // gone")).isEqualTo("url: 'http://x'  ");
        assertThat(JsOptions.parse("sessionOptions")).isEmpty();
        assertThat(JsOptions.parse("{ a: '}' , b: 1 }").orElseThrow().get("b")).contains("1");
    }
}
