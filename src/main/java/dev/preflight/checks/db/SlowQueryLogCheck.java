package dev.preflight.checks.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * The server logs slow statements for the application's sessions: PostgreSQL
 * log_min_duration_statement (0 or more), MySQL/MariaDB slow_query_log (log_slow_query) ON with a
 * log output; and the threshold is no longer than the item's latency when it names one.
 * pg_stat_statements and auto_explain are shown as evidence: they help, but do not log.
 */
@CheckInfo(id = "db.slow-query-log", title = "Slow queries are logged", target = TargetKind.DB, severity = Severity.LOW,
        phrases = {"slow[- ]query log", "\\bquery logging", "log_min_duration_statement"},
        params = {"latency"})
public final class SlowQueryLogCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        String bound = context.params().text(Param.LATENCY).orElse(null);
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL),
                facts -> facts.url().kind() == Kind.POSTGRESQL ? postgres(facts, bound) : mariadb(facts, bound));
    }

    private static Outcome postgres(DatabaseFacts.Reached facts, String bound) {
        Map<String, String> logging = facts.logging();
        List<Evidence> evidence = new ArrayList<>();
        String threshold = logging.getOrDefault("log_min_duration_statement", "-1");
        evidence.add(new Evidence.Note("log_min_duration_statement = " + threshold + " (for " + facts.user() + ")"));
        String preload = logging.getOrDefault("shared_preload_libraries", "") + "," + logging.getOrDefault("session_preload_libraries", "");
        String preloadKnown = logging.containsKey("shared_preload_libraries") ? preload.contains("pg_stat_statements") ? ""
                : ", but not in shared_preload_libraries: it collects nothing" : " (shared_preload_libraries is not readable by " + facts.user() + ")";
        evidence.add(new Evidence.Note(logging.containsKey("pg_stat_statements")
                ? "pg_stat_statements " + logging.get("pg_stat_statements") + " installed in this database" + preloadKnown
                : "pg_stat_statements not installed in this database"));
        if (preload.contains("auto_explain")) {
            evidence.add(new Evidence.Note("auto_explain loaded (" + preload.replaceAll("^,|,$", "") + ")"));
        }
        String fix = "ALTER ROLE " + facts.user() + " SET log_min_duration_statement = '" + (bound == null ? "500ms" : bound)
                     + "'; (or in postgresql.conf, then SELECT pg_reload_conf()); add pg_stat_statements for totals per query.";
        Duration d = DatabaseTimeoutsCheck.duration("log_min_duration_statement", threshold);
        if (threshold.strip().startsWith("-") || d == null) {
            return Outcome.fail("slow statements are not logged for " + facts.user() + " (log_min_duration_statement = " + threshold + ")",
                    fix, evidence);
        }
        return withinBound("log_min_duration_statement = " + threshold, d, bound, fix, evidence);
    }

    private static Outcome mariadb(DatabaseFacts.Reached facts, String bound) {
        Map<String, String> logging = facts.logging();
        List<Evidence> evidence = new ArrayList<>();
        logging.forEach((name, value) -> evidence.add(new Evidence.Note(name + " = " + value)));
        String fix = "SET GLOBAL slow_query_log = ON; SET GLOBAL long_query_time = " + (bound == null ? "1" : seconds(Param.duration(bound)))
                     + "; and the same in the server's configuration ([mariadb] slow_query_log = 1, long_query_time = ...) so it survives a restart.";
        boolean on = "ON".equalsIgnoreCase(logging.getOrDefault("slow_query_log", logging.getOrDefault("log_slow_query", "OFF")));
        if (!on) {
            return Outcome.fail("the slow query log is off (slow_query_log = OFF)", fix, evidence);
        }
        if (logging.getOrDefault("log_output", "FILE").toUpperCase(Locale.ROOT).contains("NONE")) {
            return Outcome.fail("the slow query log is on but log_output = NONE writes it nowhere", fix, evidence);
        }
        String time = logging.getOrDefault("long_query_time", logging.getOrDefault("log_slow_query_time", "10"));
        Duration d = DatabaseTimeoutsCheck.duration("max_statement_time", time);
        if (d == null) {
            return Outcome.fail("long_query_time = " + time + " cannot be read as seconds", fix, evidence);
        }
        return withinBound("slow_query_log = ON, long_query_time = " + time, d, bound, fix, evidence);
    }

    private static Outcome withinBound(String setting, Duration threshold, String bound, String fix, List<Evidence> evidence) {
        if (bound != null && threshold.compareTo(Param.duration(bound)) > 0) {
            return Outcome.fail(setting + ": statements faster than that but slower than the item's " + bound + " are not logged", fix, evidence);
        }
        return Outcome.pass(setting + (bound == null ? "" : ", within the item's " + bound), evidence);
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toMillis() / 1000.0);
    }
}
