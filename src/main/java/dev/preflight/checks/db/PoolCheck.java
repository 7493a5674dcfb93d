package dev.preflight.checks.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.ApplicationPools;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * The application's connection pools, times the processes that hold one (workers, replicas), fit
 * in the connections the server lets ordinary users open (max_connections less the superuser
 * reserve, and the user's own limit), and each pool is within the item's bounds ("pool size 10-20").
 */
@CheckInfo(id = "db.pool", title = "The application's pool fits the server's max connections", target = TargetKind.DB, severity = Severity.MEDIUM,
        phrases = {"connection pool", "\\bpool size", "max_connections"},
        params = {"minCount", "maxCount"})
public final class PoolCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        if (context.repo() == null) {
            return Outcome.unverified("no --repo given: the application's pool sizes are read from its repository");
        }
        ApplicationPools pools = ApplicationPools.of(context.repo());
        Optional<Integer> min = context.params().count(Param.MIN_COUNT);
        Optional<Integer> max = context.params().count(Param.MAX_COUNT);
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL), facts -> judge(facts, pools, min, max));
    }

    private static Outcome judge(DatabaseFacts.Reached facts, ApplicationPools pools, Optional<Integer> min, Optional<Integer> max) {
        Map<String, String> c = facts.connections();
        int maxConnections = number(c.get("max_connections"), 0);
        int allowed = maxConnections - number(c.get("superuser_reserved_connections"), 0);
        String limitWhy = "max_connections " + maxConnections + (c.containsKey("superuser_reserved_connections")
                ? " - superuser_reserved_connections " + c.get("superuser_reserved_connections") : "");
        int userLimit = number(c.getOrDefault("role connection limit", c.get("max_user_connections")), -1);
        if (userLimit > 0 && userLimit < allowed) {
            allowed = userLimit;
            limitWhy = "the connection limit of user " + facts.user() + " (" + userLimit + ")";
        }
        int connected = number(c.get("connected"), 0);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence.Note("server: " + limitWhy + " = " + allowed + " for the application; " + connected + " open now"));
        String fix = "Size the pool so that pool × workers × replicas stays under the server's " + allowed
                     + " (SQLAlchemy pool_size + max_overflow, HikariCP maximum-pool-size, knex/Sequelize/pg pool.max, Prisma connection_limit),"
                     + " or put PgBouncer/ProxySQL in front of the server, or raise max_connections.";
        if (pools.pools().isEmpty()) {
            return Outcome.warn("no pool size is configured: the driver's default is used"
                                + " (SQLAlchemy 5 + 10 overflow, HikariCP 10, knex 10, node-postgres 10); the server allows " + allowed,
                    fix, evidence);
        }
        pools.pools().forEach(p -> evidence.add(new Evidence.Note(p.where() + ": " + p.how() + " = " + p.size())));
        pools.processes().forEach(p -> evidence.add(new Evidence.Note(p.where() + ": " + p.how() + " = " + p.count())));
        pools.notes().forEach(n -> evidence.add(new Evidence.Note(n)));
        int total = pools.total().orElseThrow();
        String sum = total + " connection(s) at most (pool × workers × replicas)";
        for (ApplicationPools.Pool p : pools.pools()) {
            if (min.isPresent() && p.size() < min.get() || max.isPresent() && p.size() > max.get()) {
                return Outcome.fail(p.where() + ": " + p.how() + " = " + p.size() + " is outside the item's "
                                    + min.map(String::valueOf).orElse("0") + "-" + max.map(String::valueOf).orElse("∞"), fix, evidence);
            }
        }
        if (total > allowed) {
            return Outcome.fail(sum + " is more than the " + allowed + " the server allows (" + limitWhy + ")", fix, evidence);
        }
        if (total > allowed - connected) {
            return Outcome.warn(sum + " fits the server's " + allowed + ", but " + connected + " connection(s) are open now and leave "
                                + (allowed - connected), fix, evidence);
        }
        return Outcome.pass(sum + " within the " + allowed + " the server allows (" + connected + " open now)", evidence);
    }

    private static int number(String value, int otherwise) {
        return value != null && value.strip().matches("-?\\d+") ? Integer.parseInt(value.strip()) : otherwise;
    }
}
