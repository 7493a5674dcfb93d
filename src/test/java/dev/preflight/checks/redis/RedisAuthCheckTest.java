package dev.preflight.checks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.RedisFacts;
import dev.preflight.collect.redis.ScratchRedis;

class RedisAuthCheckTest {
    private static final String ITEM = "Redis password set (requirepass) and protected mode on";

    @Test
    void failsForTheMachinesRedisThatAnswersWithoutAPassword() throws Exception {
        Outcome outcome = RedisChecks.run(new RedisAuthCheck(), ITEM, ScratchRedis.MACHINE);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("answers commands without a password (PING before AUTH: PONG)");
        assertThat(outcome.remediation()).contains("requirepass");
    }

    @Test
    void passesForARedisWithAPasswordBoundToLoopback() throws Exception {
        try (ScratchRedis guarded = ScratchRedis.start("--requirepass", "Auth-check-pass-9")) {
            Outcome outcome = RedisChecks.run(new RedisAuthCheck(), ITEM, guarded.url("Auth-check-pass-9"));

            assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
            assertThat(outcome.summary()).startsWith("refuses commands before AUTH (NOAUTH").endsWith("; bound to loopback only");
            assertThat(outcome.evidence()).extracting(Evidence::describe).contains("bind = '127.0.0.1'", "protected-mode = 'yes'");
            assertThat(outcome.toString()).doesNotContain("Auth-check-pass-9");
        }
    }

    @Test
    void passesWithoutTheUrlsPasswordButWarnsThatBindIsUnread() throws Exception {
        try (ScratchRedis guarded = ScratchRedis.start("--requirepass", "Auth-check-pass-9")) {
            Outcome outcome = RedisChecks.run(new RedisAuthCheck(), ITEM, guarded.url(null));

            assertThat(outcome.status()).isEqualTo(Status.WARN);
            assertThat(outcome.summary()).contains("refuses commands before AUTH", "bind and protected-mode not readable");
        }
    }

    private static Outcome judge(Map<String, String> config) {
        return RedisAuthCheck.judge(new RedisFacts.Reached(DatabaseUrl.parse("redis://:pw@cache.internal:6379"), false,
                "NOAUTH Authentication required.", true, Map.of(), config, List.of()));
    }

    @Test
    void failsOnFactsForEveryInterfaceAndWarnsForPrivateOrProtectedModeOff() throws Exception {
        Outcome all = judge(Map.of("bind", "* -::*", "protected-mode", "yes"));
        assertThat(all.status()).isEqualTo(Status.FAIL);
        assertThat(all.summary()).endsWith("bound beyond loopback: * (every interface), ::* (a host name, not resolved here)");

        assertThat(judge(Map.of("bind", "", "protected-mode", "yes")).status()).isEqualTo(Status.FAIL);
        assertThat(judge(Map.of("bind", "10.0.0.4", "protected-mode", "yes")).status()).isEqualTo(Status.WARN);
        Outcome off = judge(Map.of("bind", "127.0.0.1 -::1", "protected-mode", "no"));
        assertThat(off.status()).isEqualTo(Status.WARN);
        assertThat(off.summary()).endsWith("protected mode is off");
    }
}
