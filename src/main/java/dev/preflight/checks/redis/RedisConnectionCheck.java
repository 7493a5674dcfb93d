package dev.preflight.checks.redis;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.redis.RedisFacts;

/** Each Redis given with {@code --db} answers PING (after AUTH with the URL's password), with its version. */
@CheckInfo(id = "redis.connection", title = "Redis answers", target = TargetKind.DB, severity = Severity.MEDIUM,
        phrases = {"redis (connectivity|connection|is reachable|is up)", "\\b(add|use|install|enable)\\w* redis\\b"},
        related = {"redis-cli:PING"})
public final class RedisConnectionCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        return RedisServers.judge(context, RedisConnectionCheck::judge);
    }

    static Outcome judge(RedisFacts.Reached facts) {
        if (!facts.loggedIn()) {
            return Outcome.error("Redis at " + facts.url().address() + " answers '" + facts.unauthenticated()
                                 + "' and the URL gives no password: give it as redis://:PASSWORD@host:port",
                    new Evidence.Note("PING without AUTH: " + facts.unauthenticated()));
        }
        String version = facts.version() == null ? "Redis (version not readable)" : "Redis " + facts.version();
        return Outcome.pass(version + " answers at " + facts.url().address(),
                new Evidence.Note("server version: " + (facts.version() == null ? "not readable" : facts.version())));
    }
}
