package dev.preflight.checks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.ScratchRedis;

/**
 * The redis checks on {@code rediss://} URLs, against redis-server listening with TLS only on a
 * loopback port and a self-signed certificate, trusted as {@code --ca-cert} trusts it.
 */
class RedisOverTlsTest {
    private static final String PASSWORD = "Tls-pass-31";
    private static final String CACHE_ITEM = "Redis memory: maxmemory and an eviction policy set for the cache";
    static ScratchRedis guarded;
    static ScratchRedis open;

    @BeforeAll
    static void start() throws Exception {
        guarded = ScratchRedis.startTls("--bind", "127.0.0.1", "127.0.0.2", "--requirepass", PASSWORD, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
        open = ScratchRedis.startTls();
    }

    @AfterAll
    static void stop() throws Exception {
        if (guarded != null) {
            guarded.close();
        }
        if (open != null) {
            open.close();
        }
    }

    @Test
    void passesConnectionAuthAndMemoryOverTlsWithTheServersCa() throws Exception {
        DatabaseUrl url = guarded.url(PASSWORD);
        assertThat(url.text()).startsWith("rediss://");

        Outcome connection = RedisChecks.run(new RedisConnectionCheck(), "Redis connectivity verified", guarded.trust(), url);
        assertThat(connection.status()).as(connection.summary()).isEqualTo(Status.PASS);
        assertThat(connection.summary()).matches("Redis \\d+\\.\\d+\\.\\d+ answers at 127\\.0\\.0\\.1:" + guarded.port());

        Outcome auth = RedisChecks.run(new RedisAuthCheck(), "Redis password set", guarded.trust(), url);
        assertThat(auth.status()).as(auth.summary()).isEqualTo(Status.PASS);
        assertThat(auth.summary()).startsWith("refuses commands before AUTH (NOAUTH");
        assertThat(auth.toString()).doesNotContain(PASSWORD);

        Outcome memory = RedisChecks.run(new RedisMemoryCheck(), CACHE_ITEM, guarded.trust(), url);
        assertThat(memory.status()).as(memory.summary()).isEqualTo(Status.PASS);
    }

    @Test
    void failsAuthAndMemoryOverTlsForAnOpenServerWithoutALimit() throws Exception {
        Outcome auth = RedisChecks.run(new RedisAuthCheck(), "Redis password set", open.trust(), open.url(null));
        assertThat(auth.status()).isEqualTo(Status.FAIL);
        assertThat(auth.summary()).startsWith("answers commands without a password (PING before AUTH: PONG)");

        Outcome memory = RedisChecks.run(new RedisMemoryCheck(), CACHE_ITEM, open.trust(), open.url(null));
        assertThat(memory.status()).isEqualTo(Status.FAIL);
        assertThat(memory.summary()).startsWith("maxmemory is 0: no limit");
    }

    @Test
    void failsAsErrorInOneLineWhenTheCertificateIsNotTrusted() throws Exception {
        Outcome outcome = RedisChecks.run(new RedisConnectionCheck(), "Redis connectivity verified", guarded.url(PASSWORD));

        assertThat(outcome.status()).isEqualTo(Status.ERROR);
        assertThat(outcome.summary()).isEqualTo("the TLS certificate of 127.0.0.1:" + guarded.port() + " is not trusted (give its CA with --ca-cert)");
        assertThat(outcome.toString()).doesNotContain(PASSWORD);
    }

    /** 127.0.0.2 reaches the same server (it binds both), but the certificate names 127.0.0.1 and localhost only. */
    @Test
    void failsAsErrorInOneLineWhenTheCertificateNamesAnotherHostOrTheServerSpeaksPlain() throws Exception {
        Outcome other = RedisChecks.run(new RedisConnectionCheck(), "Redis connectivity verified", guarded.trust(),
                DatabaseUrl.parse("rediss://:" + PASSWORD + "@127.0.0.2:" + guarded.port()));
        assertThat(other.status()).isEqualTo(Status.ERROR);
        assertThat(other.summary()).startsWith("the TLS certificate of 127.0.0.2:" + guarded.port() + " does not name 127.0.0.2").doesNotContain("\n");

        try (ScratchRedis plain = ScratchRedis.start()) {
            Outcome outcome = RedisChecks.run(new RedisConnectionCheck(), "Redis connectivity verified", guarded.trust(),
                    DatabaseUrl.parse("rediss://127.0.0.1:" + plain.port()));
            assertThat(outcome.status()).isEqualTo(Status.ERROR);
            assertThat(outcome.summary()).isEqualTo("TLS handshake with 127.0.0.1:" + plain.port()
                                                   + " failed: no TLS answer within 10 s (does the server speak TLS on this port?)");
        }
    }
}
