package dev.preflight.collect.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.preflight.collect.db.DatabaseUrl;

/** The probe against real redis-server processes: the machine's, and one of the test's own with a password. */
class RedisProbeTest {
    private static final String PASSWORD = "s3cret-Probe-pass";
    static ScratchRedis guarded;

    @BeforeAll
    static void start() throws Exception {
        guarded = ScratchRedis.start("--requirepass", PASSWORD, "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
    }

    @AfterAll
    static void stop() throws Exception {
        guarded.close();
    }

    @Test
    void readsTheMachinesOpenRedis() {
        RedisFacts.Reached facts = (RedisFacts.Reached) RedisProbe.read(ScratchRedis.MACHINE, null);

        assertThat(facts.openWithoutPassword()).isTrue();
        assertThat(facts.unauthenticated()).isEqualTo("PONG");
        assertThat(facts.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(facts.config()).containsKeys("bind", "protected-mode", "maxmemory", "maxmemory-policy", "save", "appendonly")
                .doesNotContainKey("requirepass");
        assertThat(facts.unreadable()).isEmpty();
    }

    @Test
    void logsInWithThePasswordAfterTheServerRefusedPingWithoutIt() {
        RedisFacts.Reached facts = (RedisFacts.Reached) RedisProbe.read(guarded.url(PASSWORD), null);

        assertThat(facts.openWithoutPassword()).isFalse();
        assertThat(facts.unauthenticated()).startsWith("NOAUTH");
        assertThat(facts.loggedIn()).isTrue();
        assertThat(facts.setting("maxmemory")).isEqualTo(String.valueOf(64 * 1024 * 1024));
        assertThat(facts.setting("maxmemory-policy")).isEqualTo("allkeys-lru");
    }

    @Test
    void aRenamedConfigCommandLeavesInfoToReadAndSaysWhatItCouldNot() throws Exception {
        try (ScratchRedis noConfig = ScratchRedis.start("--rename-command", "CONFIG", "", "--maxmemory", "32mb")) {
            RedisFacts.Reached facts = (RedisFacts.Reached) RedisProbe.read(noConfig.url(null), null);

            assertThat(facts.config()).isEmpty();
            assertThat(facts.unreadable()).contains("CONFIG GET bind: ERR unknown command 'CONFIG', with args beginning with: 'GET' 'bind'");
            assertThat(facts.setting("maxmemory")).isEqualTo(String.valueOf(32 * 1024 * 1024));
            assertThat(facts.setting("maxmemory-policy")).isEqualTo("noeviction");
        }
    }

    @Test
    void aWrongPasswordIsOneLineWithoutThePassword() {
        String wrong = "not-the-Right-one";
        RedisFacts.Unreached facts = (RedisFacts.Unreached) RedisProbe.read(guarded.url(wrong), null);

        assertThat(facts.reason()).startsWith("authentication failed at 127.0.0.1:" + guarded.port() + ": WRONGPASS").doesNotContain(wrong)
                .doesNotContain("\n");
    }

    @Test
    void aServerThatIsDownIsConnectionRefused() throws Exception {
        int port = ScratchRedis.freePort();
        RedisFacts.Unreached facts = (RedisFacts.Unreached) RedisProbe.read(DatabaseUrl.parse("redis://127.0.0.1:" + port), null);

        assertThat(facts.reason()).isEqualTo("connection refused at 127.0.0.1:" + port + " (is Redis running and listening there?)");
    }
}
