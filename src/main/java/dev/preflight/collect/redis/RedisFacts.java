package dev.preflight.collect.redis;

import java.util.List;
import java.util.Map;

import dev.preflight.collect.db.DatabaseUrl;

/** What one Redis server told, or why it did not answer. Collected once per run and URL by {@link RedisProbe}. */
public sealed interface RedisFacts {

    DatabaseUrl url();

    /** No conversation: refused, timed out, wrong password. {@code reason} is one line, never the password. */
    record Unreached(DatabaseUrl url, String reason) implements RedisFacts {
    }

    /**
     * The server answered.
     *
     * @param openWithoutPassword a PING sent before any AUTH was answered; false when it was refused (NOAUTH)
     * @param unauthenticated     the server's answer to that PING, as it gave it
     * @param loggedIn            the URL's password was accepted, or none was needed: the reads below ran
     * @param info                the fields of {@code INFO} (redis_version, maxmemory_policy, ...); empty when it could not be read
     * @param config              the {@code CONFIG GET} values that could be read, by name
     * @param unreadable          what could not be read and why ("CONFIG GET bind: ERR unknown command 'CONFIG'")
     */
    record Reached(DatabaseUrl url, boolean openWithoutPassword, String unauthenticated, boolean loggedIn,
                   Map<String, String> info, Map<String, String> config, List<String> unreadable) implements RedisFacts {
        public Reached {
            info = Map.copyOf(info);
            config = Map.copyOf(config);
            unreadable = List.copyOf(unreadable);
        }

        /** The server's version from {@code INFO server}, or null when INFO could not be read. */
        public String version() {
            return info.get("redis_version");
        }

        /** A setting from {@code CONFIG GET}, else the field of {@code INFO} that mirrors it, else null. */
        public String setting(String configName) {
            String value = config.get(configName);
            return value != null ? value : info.get(configName.replace('-', '_'));
        }
    }
}
