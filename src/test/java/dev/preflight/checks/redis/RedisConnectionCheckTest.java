package dev.preflight.checks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.ScratchRedis;

class RedisConnectionCheckTest {
    private static final String ITEM = "Redis connection configured";

    @Test
    void passesForTheMachinesRedisWithItsVersion() throws Exception {
        Outcome outcome = RedisChecks.run(new RedisConnectionCheck(), ITEM, ScratchRedis.MACHINE);

        assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).matches("Redis \\d+\\.\\d+\\.\\d+ answers at 127\\.0\\.0\\.1:6379");
    }

    @Test
    void failsAsErrorInOneLineWhenTheServerIsDownOrThePasswordIsWrong() throws Exception {
        int port = ScratchRedis.freePort();
        Outcome down = RedisChecks.run(new RedisConnectionCheck(), ITEM, DatabaseUrl.parse("redis://127.0.0.1:" + port));
        assertThat(down.status()).isEqualTo(Status.ERROR);
        assertThat(down.summary()).isEqualTo("connection refused at 127.0.0.1:" + port + " (is Redis running and listening there?)");

        try (ScratchRedis guarded = ScratchRedis.start("--requirepass", "Right-pass-42")) {
            Outcome wrong = RedisChecks.run(new RedisConnectionCheck(), ITEM, guarded.url("Wrong-pass-17"));
            assertThat(wrong.status()).isEqualTo(Status.ERROR);
            assertThat(wrong.summary()).startsWith("authentication failed at 127.0.0.1:" + guarded.port()).doesNotContain("Wrong-pass-17");
            assertThat(wrong.evidence().toString()).doesNotContain("Wrong-pass-17").contains("***");

            Outcome none = RedisChecks.run(new RedisConnectionCheck(), ITEM, guarded.url(null));
            assertThat(none.status()).isEqualTo(Status.ERROR);
            assertThat(none.summary()).contains("the URL gives no password");
        }
    }

    @Test
    void isNotApplicableWithoutARedisUrl() throws Exception {
        Outcome outcome = RedisChecks.run(new RedisConnectionCheck(), ITEM, DatabaseUrl.parse("postgresql://app@127.0.0.1/app"));

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).startsWith("no Redis database among --db");
    }
}
