package dev.preflight.checks.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The application's sessions carry a statement timeout (PostgreSQL statement_timeout, MySQL
 * max_execution_time, MariaDB max_statement_time), as the server sets it for the URL's user, and
 * it is no longer than the item's bound when the item names one.
 */
@CheckInfo(id = "db.timeouts", title = "A statement or query timeout is set", target = TargetKind.DB, severity = Severity.MEDIUM,
        phrases = {"query timeout", "statement[_ ]timeout", "max_execution_time", "lock[_ ]timeout"},
        params = {"duration"})
public final class DatabaseTimeoutsCheck implements Check {
    private static final Pattern POSTGRES_VALUE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|min|h|d)?");
    /** The settings that bound one statement, in the order a server is asked for them; the others are shown as evidence. */
    private static final List<String> STATEMENT_SETTINGS = List.of("statement_timeout", "max_execution_time", "max_statement_time");

    @Override
    public Outcome run(CheckContext context) {
        String bound = context.params().text(Param.DURATION).orElse(null);
        return Databases.judge(context, List.of(Kind.POSTGRESQL, Kind.MYSQL), facts -> judge(facts, bound));
    }

    /** @param bound the item's longest acceptable timeout as written ("30s"), or null */
    private static Outcome judge(DatabaseFacts.Reached facts, String bound) {
        List<Evidence> evidence = new ArrayList<>();
        facts.timeouts().forEach((name, value) -> evidence.add(new Evidence.Note(name + " = " + value)));
        Duration longest = null;
        String setting = null;
        for (Map.Entry<String, String> e : facts.timeouts().entrySet()) {
            if (STATEMENT_SETTINGS.contains(e.getKey())) {
                Duration d = duration(e.getKey(), e.getValue());
                if (d != null && !d.isZero()) {
                    longest = d;
                    setting = e.getKey() + " = " + e.getValue();
                }
            }
        }
        String fix = "Set a statement timeout for the application's user: PostgreSQL ALTER ROLE app SET statement_timeout = '30s';"
                     + " MariaDB SET GLOBAL max_statement_time = 30 (or per user: ALTER USER ... WITH MAX_STATEMENT_TIME 30);"
                     + " MySQL SET PERSIST max_execution_time = 30000.";
        if (longest == null) {
            return Outcome.fail("no statement timeout for " + facts.user() + ": a runaway query holds its connection and locks for ever",
                    fix, evidence);
        }
        if (bound != null && longest.compareTo(Param.duration(bound)) > 0) {
            return Outcome.fail(setting + " is longer than the item's " + bound, fix, evidence);
        }
        return Outcome.pass(setting + (bound == null ? "" : ", within the item's " + bound), evidence);
    }

    /** A setting's value as the server shows it: PostgreSQL with units (bare numbers are ms), max_execution_time in ms, max_statement_time in s. */
    static Duration duration(String name, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "max_execution_time" -> v.matches("\\d+") ? Duration.ofMillis(Long.parseLong(v)) : null;
            case "max_statement_time" -> v.matches("\\d+(\\.\\d+)?") ? Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000)) : null;
            default -> {
                Matcher m = POSTGRES_VALUE.matcher(v);
                if (!m.matches()) {
                    yield null;
                }
                double n = Double.parseDouble(m.group(1));
                double millis = switch (m.group(2) == null ? "ms" : m.group(2)) {
                    case "us" -> n / 1000;
                    case "s" -> n * 1_000;
                    case "min" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    case "d" -> n * 86_400_000;
                    default -> n;
                };
                yield Duration.ofMillis(Math.round(millis));
            }
        };
    }
}
