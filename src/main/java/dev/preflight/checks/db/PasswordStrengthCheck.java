package dev.preflight.checks.db;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.db.ConfiguredDatabases;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseProbe.WrongPasswordLogin;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.DatabaseUrl.Kind;
import dev.preflight.text.Mask;
import dev.preflight.text.Weakness;

/**
 * The database passwords this run knows (in each PostgreSQL and MySQL/MariaDB {@code --db} URL and,
 * with a repository, in its config) are strong: not a default or a placeholder, not the user's name,
 * long and varied enough. And the server checks them: one login with a wrong password for the
 * same user must be refused (PostgreSQL {@code trust} lets anyone in as that user).
 */
@CheckInfo(id = "db.password-strength", title = "The database password is strong", target = TargetKind.DB, severity = Severity.CRITICAL,
        phrases = {"\\b(database|db|postgres(ql)?|mysql|mariadb) password"},
        params = {"minLength"})
public final class PasswordStrengthCheck implements Check {
    static final int DEFAULT_MIN_LENGTH = 16;

    /** One password and every place it was found, each "where (key)". */
    private record Known(String user, String value, List<String> places) {
    }

    @Override
    public Outcome run(CheckContext context) {
        int min = context.params().count(Param.MIN_LENGTH).orElse(DEFAULT_MIN_LENGTH);
        String words = context.itemText() == null ? "" : context.itemText().toLowerCase(Locale.ROOT);
        boolean mixedCase = words.contains("mixed case") || words.contains("upper");
        boolean symbols = words.contains("symbol") || words.contains("special char");

        List<DatabaseUrl> urls = context.db().of(Kind.POSTGRESQL, Kind.MYSQL);
        Map<String, Known> known = new LinkedHashMap<>();
        for (DatabaseUrl url : urls) {
            if (url.password() != null) {
                add(known, url.user(), url.password(), "--db " + url.redacted());
            }
        }
        if (context.repo() != null) {
            for (ConfiguredDatabases.Password p : ConfiguredDatabases.of(context.repo()).passwords()) {
                add(known, p.user(), p.value(), p.where() + " (" + p.key() + ")");
            }
        }
        if (known.isEmpty() && urls.isEmpty()) {
            return Databases.notApplicable(context, List.of(Kind.POSTGRESQL, Kind.MYSQL));
        }

        List<Evidence> problems = new ArrayList<>();
        List<Evidence> seen = new ArrayList<>();
        for (Known k : known.values()) {
            String where = String.join(", ", k.places());
            String shape = "password " + Mask.secret(k.value()) + " (" + Weakness.shape(k.value()) + ")";
            Optional<String> weak = k.user() != null && k.value().equalsIgnoreCase(k.user())
                    ? Optional.of("the same as the user name") : Weakness.of(k.value(), min, mixedCase, symbols, null);
            weak.ifPresentOrElse(w -> problems.add(new Evidence.Note(where + ": " + shape + " is weak: " + w)),
                    () -> seen.add(new Evidence.Note(where + ": " + shape)));
        }
        List<String> unreached = new ArrayList<>();
        int refused = 0;
        for (DatabaseUrl url : urls) {
            if (context.db().facts(url) instanceof DatabaseFacts.Unreached u) {
                unreached.add(url.redacted() + ": " + u.reason());
                continue;
            }
            WrongPasswordLogin login = DatabaseProbe.loginWithWrongPassword(url);
            switch (login.answer()) {
                case ACCEPTED -> problems.add(new Evidence.Note(url.redacted() + ": the server accepts any password for user " + url.user()
                        + " (" + login.detail() + ")"));
                case REFUSED -> {
                    refused++;
                    seen.add(new Evidence.Note(url.redacted() + ": a wrong password for " + url.user() + " is refused"));
                }
                case UNKNOWN -> seen.add(new Evidence.Note(url.redacted() + ": whether a wrong password is refused is not known: " + login.detail()));
            }
        }

        String fix = "Give the application's user a generated password of " + min + "+ characters (openssl rand -base64 24), set it with"
                     + " ALTER ROLE/ALTER USER, keep it out of the repository, and make the server check passwords"
                     + " (pg_hba.conf scram-sha-256 instead of trust, then SELECT pg_reload_conf()).";
        if (!problems.isEmpty()) {
            long open = problems.stream().filter(e -> e.describe().contains("accepts any password")).count();
            String summary = problems.size() == 1 ? problems.getFirst().describe()
                    : String.join(" and ", Stream.of(
                            problems.size() - open == 0 ? null : (problems.size() - open) + " weak password(s)",
                            open == 0 ? null : open + " server(s) that accept any password").filter(Objects::nonNull).toList());
            problems.addAll(seen);
            return Outcome.fail(summary, fix, problems);
        }
        unreached.forEach(u -> seen.add(new Evidence.Note(u)));
        if (known.isEmpty()) {
            if (!unreached.isEmpty() && refused == 0) {
                return Outcome.error("no password to judge, and " + unreached.getFirst(), seen.toArray(Evidence[]::new));
            }
            return Outcome.warn("no password in --db or the repository's config, so its strength is not judged"
                                + (refused > 0 ? "; the server refuses a wrong one" : ""), fix, seen);
        }
        return Outcome.pass(known.size() + " database password(s) strong (" + min + "+ characters, not a default)"
                            + (refused > 0 ? ", and the server refuses a wrong one" : ""), seen);
    }

    private static void add(Map<String, Known> known, String user, String value, String place) {
        known.computeIfAbsent(value, v -> new Known(user, v, new ArrayList<>())).places().add(place);
    }
}
