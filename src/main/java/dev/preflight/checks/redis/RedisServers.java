package dev.preflight.checks.redis;

import java.util.List;
import java.util.function.Function;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.checks.db.Databases;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.collect.redis.RedisFacts;

/** Runs a redis check on each {@code redis://} or {@code rediss://} URL of {@code --db}, folded as the db checks fold theirs; an unreached server is ERROR. */
final class RedisServers {
    private RedisServers() {
    }

    static Outcome judge(CheckContext context, Function<RedisFacts.Reached, Outcome> judge) {
        List<DatabaseUrl> urls = context.db().of(Kind.REDIS);
        if (urls.isEmpty()) {
            return Databases.notApplicable(context, List.of(Kind.REDIS));
        }
        return Databases.each(urls, url -> switch (context.db().redis(url)) {
            case RedisFacts.Unreached u -> Outcome.error(u.reason(), Databases.named(context.db(), url));
            case RedisFacts.Reached r -> Databases.withUrl(judge.apply(r), context.db(), url);
        });
    }
}
