package dev.preflight.checks.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.db.DatabaseFacts;
import dev.preflight.collect.db.DatabaseProbe;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.db.DatabaseUrl.Kind;

/**
 * Runs a db check on each {@code --db} URL of the kinds it judges and folds the outcomes into one:
 * the worst status, each URL's summary behind its redacted URL. A URL the probe could not reach is
 * ERROR with the probe's one-line reason. The redis checks fold their URLs the same way.
 */
public final class Databases {
    private Databases() {
    }

    static Outcome judge(CheckContext context, List<Kind> kinds, Function<DatabaseFacts.Reached, Outcome> judge) {
        List<DatabaseUrl> urls = context.db().of(kinds.toArray(Kind[]::new));
        if (urls.isEmpty()) {
            return notApplicable(context, kinds);
        }
        return each(urls, url -> switch (context.db().facts(url)) {
            case DatabaseFacts.Unreached u -> Outcome.error(u.reason(), named(context.db(), url));
            case DatabaseFacts.Reached r -> withUrl(judge.apply(r), context.db(), url);
        });
    }

    /** SKIP, not applicable: none of the {@code --db} URLs is of these kinds. */
    public static Outcome notApplicable(CheckContext context, List<Kind> kinds) {
        return Outcome.notApplicable("no " + String.join(" or ", kinds.stream().map(Kind::label).toList()) + " database among --db "
                                     + String.join(", ", context.db().urls().stream().map(DatabaseUrl::redacted).toList()));
    }

    /** Judges each URL and folds the outcomes: one URL's outcome as it is, several behind their redacted URLs. */
    public static Outcome each(List<DatabaseUrl> urls, Function<DatabaseUrl, Outcome> judge) {
        List<Outcome> outcomes = urls.stream().map(judge).toList();
        return outcomes.size() == 1 ? outcomes.getFirst() : fold(outcomes, urls);
    }

    /** "database: " and the redacted URL, with the line of the repository's config that named it when it was found there. */
    public static Evidence named(DatabaseProbe db, DatabaseUrl url) {
        return new Evidence.Note("database: " + db.describe(url));
    }

    /** The outcome with the database it judged ({@link #named}) as its first evidence. */
    public static Outcome withUrl(Outcome outcome, DatabaseProbe db, DatabaseUrl url) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(named(db, url));
        evidence.addAll(outcome.evidence());
        return new Outcome(outcome.status(), outcome.summary(), evidence, outcome.remediation(), outcome.skip());
    }

    private static Outcome fold(List<Outcome> outcomes, List<DatabaseUrl> urls) {
        Status worst = Status.PASS;
        for (Outcome o : outcomes) {
            worst = worst.worse(o.status());
        }
        List<String> summaries = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            summaries.add(urls.get(i).redacted() + ": " + outcomes.get(i).summary());
            evidence.addAll(outcomes.get(i).evidence());
        }
        String remediation = outcomes.stream().map(Outcome::remediation).filter(Objects::nonNull).findFirst().orElse(null);
        Outcome.Skip skip = worst == Status.SKIP ? outcomes.stream().map(Outcome::skip).filter(Objects::nonNull).findFirst().orElseThrow() : null;
        return new Outcome(worst, String.join("; ", summaries), evidence, worst == Status.PASS ? null : remediation, skip);
    }
}
