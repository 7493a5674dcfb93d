package dev.preflight.checks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.checks.redis.RedisMemoryCheck.Use;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.RedisFacts;
import dev.preflight.collect.redis.ScratchRedis;

class RedisMemoryCheckTest {
    private static final String CACHE_ITEM = "Redis memory: maxmemory and an eviction policy set for the cache";

    @Test
    void failsForTheMachinesRedisWithoutAMemoryLimit() throws Exception {
        Outcome outcome = RedisChecks.run(new RedisMemoryCheck(), CACHE_ITEM, ScratchRedis.MACHINE);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("maxmemory is 0: no limit")
                .contains("maxmemory-policy is noeviction: a full cache refuses writes instead of evicting");
    }

    @Test
    void passesForACacheWithALimitAndAnEvictionPolicy() throws Exception {
        try (ScratchRedis cache = ScratchRedis.start("--requirepass", "Memory-pass-3", "--maxmemory", "64mb",
                "--maxmemory-policy", "allkeys-lru")) {
            Outcome outcome = RedisChecks.run(new RedisMemoryCheck(), CACHE_ITEM, cache.url("Memory-pass-3"));

            assertThat(outcome.status()).as(outcome.summary()).isEqualTo(Status.PASS);
            assertThat(outcome.summary()).isEqualTo("maxmemory is 67108864 bytes; maxmemory-policy allkeys-lru evicts for a cache");
        }
    }

    @Test
    void failsForAStoreWithoutPersistenceReadFromInfoWhenConfigIsRenamed() throws Exception {
        try (ScratchRedis store = ScratchRedis.start("--rename-command", "CONFIG", "", "--maxmemory", "64mb")) {
            Outcome outcome = RedisChecks.run(new RedisMemoryCheck(), "Redis persistence for the job queue", store.url(null));

            assertThat(outcome.status()).isEqualTo(Status.FAIL);
            assertThat(outcome.summary()).isEqualTo("maxmemory is 67108864 bytes; maxmemory-policy noeviction;"
                                                    + " no persistence: neither RDB snapshots (save) nor the append-only file is on");
        }
    }

    private static RedisFacts.Reached facts(Map<String, String> config) {
        return new RedisFacts.Reached(DatabaseUrl.parse("redis://cache.internal"), true, "PONG", true, Map.of(), config, List.of());
    }

    @Test
    void judgesThePolicyByTheUseTheItemNames() throws Exception {
        Map<String, String> store = Map.of("maxmemory", "1073741824", "maxmemory-policy", "noeviction", "save", "3600 1", "appendonly", "yes");
        assertThat(RedisMemoryCheck.judge(facts(store), Use.STORE).status()).isEqualTo(Status.PASS);
        Map<String, String> evicting = Map.of("maxmemory", "1073741824", "maxmemory-policy", "allkeys-lru", "save", "", "appendonly", "yes");
        assertThat(RedisMemoryCheck.judge(facts(evicting), Use.STORE).status()).isEqualTo(Status.WARN);
        assertThat(RedisMemoryCheck.judge(facts(store), Use.UNSAID).status()).isEqualTo(Status.WARN);
        assertThat(RedisMemoryCheck.use("Caching - TODO: Add Redis for caching")).isEqualTo(Use.CACHE);
        assertThat(RedisMemoryCheck.use("Redis persistence (AOF)")).isEqualTo(Use.STORE);
        assertThat(RedisMemoryCheck.use("maxmemory set")).isEqualTo(Use.UNSAID);
    }

    @Test
    void isAnErrorWhenNeitherConfigNorInfoCanBeRead() throws Exception {
        Outcome outcome = RedisMemoryCheck.judge(new RedisFacts.Reached(DatabaseUrl.parse("redis://cache.internal"), false, "NOAUTH",
                false, Map.of(), Map.of(), List.of("INFO and CONFIG GET: the server asks for a password and the URL gives none")), Use.CACHE);

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("maxmemory and its policy could not be read from CONFIG GET or INFO memory");
    }
}
