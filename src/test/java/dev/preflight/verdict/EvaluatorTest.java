package dev.preflight.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.preflight.attest.Attestation;
import dev.preflight.attest.AttestationFile;
import dev.preflight.attest.Signoffs;
import dev.preflight.attest.Waiver;
import dev.preflight.binding.Binding;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Severity;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.Directive;
import dev.preflight.checklist.Item;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.CheckExecution;
import dev.preflight.engine.RunResult;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;
import dev.preflight.report.Report.ItemReport;

class EvaluatorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final CatalogEntry CHECK = new CatalogEntry("test.check", "A check", TargetKind.REPO, Severity.HIGH,
            List.of(), Set.of(), List.of(), false, null, null);
    private static final Outcome PASS = Outcome.pass("fine");
    private static final Outcome WARN = Outcome.warn("slow", "speed it up", List.of());
    private static final Outcome FAIL = Outcome.fail("broken", "fix it", List.of());
    private static final Outcome ERROR = Outcome.error("unreachable");
    private static final Outcome NO_URL = Outcome.unverified("no --url given");
    private static final Outcome ABSENT = Outcome.notApplicable("no database in this deployment");
    private static final Outcome NOTHING_TO_MEASURE = Outcome.manual("no metrics endpoint answered (tried /metrics)", "Expose process metrics.");

    /** A checklist under construction: items with their checks' outcomes, in file order. */
    private final List<Item> items = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<String, List<CheckExecution>> executions = new LinkedHashMap<>();
    private Blocking blocking = Blocking.of(null);
    private AttestationFile signoffs = new AttestationFile(List.of(), List.of());
    private Targets targets = new Targets(Path.of("."), List.of(), List.of());

    private Item item(String id, List<String> section, String parent, boolean claimed, String text) {
        Item item = new Item(id, text, claimed, items.size() + 1, section, parent, Directive.NONE);
        items.add(item);
        return item;
    }

    private EvaluatorTest checked(String id, boolean claimed, Outcome... outcomes) {
        return checked(id, List.of("Security"), claimed, outcomes);
    }

    private EvaluatorTest checked(String id, List<String> section, boolean claimed, Outcome... outcomes) {
        Item item = item(id, section, null, claimed, "item " + id);
        List<Binding.BoundCheck> bound = new ArrayList<>();
        List<CheckExecution> ran = new ArrayList<>();
        for (Outcome o : outcomes) {
            bound.add(new Binding.BoundCheck(CHECK, Params.NONE));
            ran.add(new CheckExecution(CHECK.id(), Params.NONE, o, 3));
        }
        bindings.add(new Binding(item, bound, Binding.Source.PHRASE, null, false));
        executions.put(id, ran);
        return this;
    }

    private EvaluatorTest manual(String id, String text) {
        Item item = item(id, List.of("Launch"), null, false, text);
        bindings.add(new Binding(item, List.of(), Binding.Source.NONE, "a person's action or judgement; no machine can verify it", false));
        return this;
    }

    private EvaluatorTest group(String id, Outcome... children) {
        Item parent = item(id, List.of("Database"), null, false, "group " + id);
        bindings.add(new Binding(parent, List.of(), Binding.Source.NONE, null, true));
        for (int i = 0; i < children.length; i++) {
            Item child = item(id + "-" + i, List.of("Database"), id, false, "child " + i);
            bindings.add(new Binding(child, List.of(new Binding.BoundCheck(CHECK, Params.NONE)), Binding.Source.PHRASE, null, false));
            executions.put(child.id(), List.of(new CheckExecution(CHECK.id(), Params.NONE, children[i], 3)));
        }
        return this;
    }

    private Report evaluate() {
        RunResult run = new RunResult(bindings, executions, targets, Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:00:02Z"), false);
        return new Evaluator(blocking, new Signoffs(items, signoffs), TODAY, "test").evaluate(new Checklist(Path.of("CHECKLIST.md"), items), run);
    }

    private static ItemReport find(Report report, String id) {
        return report.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anItemIsTheWorstOfItsChecksThatRan() {
        checked("fail", false, PASS, WARN, FAIL, ERROR);
        checked("error", false, PASS, ERROR, WARN);
        checked("warn", false, PASS, WARN);
        checked("pass", false, PASS, ABSENT, NO_URL);

        Report report = evaluate();

        assertThat(report.items()).extracting(ItemReport::status)
                .containsExactly(Status.FAIL, Status.ERROR, Status.WARN, Status.PASS);
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        assertThat(report.reasons()).containsExactly("1 blocking item is FAIL", "1 blocking item is ERROR (could not be determined)");
    }

    @Test
    void warnAloneDoesNotStopAGo() {
        checked("warn", false, PASS, WARN);

        assertThat(evaluate().verdict()).isEqualTo(Report.Verdict.GO);
    }

    @Test
    void anItemWhoseChecksAllSkipIsSkip() {
        checked("skip", false, NO_URL, ABSENT);

        ItemReport item = find(evaluate(), "skip");

        assertThat(item.status()).isEqualTo(Status.SKIP);
        assertThat(item.reason()).isEqualTo("no --url given");
    }

    @Test
    void anUnverifiedSkipBlocksAGo() {
        checked("live", false, NO_URL);

        Report report = evaluate();

        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        assertThat(report.reasons()).containsExactly("1 blocking item is unverified: no --url given");
    }

    @Test
    void aNotApplicableSkipDoesNotBlock() {
        checked("db", false, ABSENT);
        checked("repo", false, PASS);

        assertThat(evaluate().verdict()).isEqualTo(Report.Verdict.GO);
    }

    @Test
    void aGroupItemTakesTheWorstOfItsChildren() {
        group("backups", PASS, FAIL, WARN);
        group("pool", PASS, WARN);
        group("absent", ABSENT, ABSENT);

        Report report = evaluate();

        assertThat(find(report, "backups").status()).isEqualTo(Status.FAIL);
        assertThat(find(report, "backups").reason()).isEqualTo("the worst of its 3 sub-items");
        assertThat(find(report, "pool").status()).isEqualTo(Status.WARN);
        assertThat(find(report, "absent").status()).isEqualTo(Status.SKIP);
    }

    @Test
    void aGroupOfUnverifiedChildrenIsUnverifiedToo() {
        group("live", NO_URL, NO_URL);

        Report report = evaluate();

        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        assertThat(find(report, "live")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.SKIP, "no --url given");
        assertThat(report.reasons()).containsExactly("3 blocking items are unverified: no --url given");
    }

    @Test
    void aManualItemWithoutAttestationIsNoGo() {
        checked("repo", false, PASS);
        manual("announce", "Announce launch on social media");

        Report report = evaluate();

        assertThat(find(report, "announce").status()).isEqualTo(Status.MANUAL);
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        assertThat(report.reasons()).containsExactly("1 blocking item is MANUAL without a fresh attestation");
    }

    @Test
    void aFreshAttestationMakesAManualItemAttested() {
        manual("announce", "Announce launch on social media");
        signoffs = new AttestationFile(List.of(new Attestation("announce", "Announce launch on social media", "Dana Kim", "product",
                Instant.parse("2026-11-20T09:00:00Z"), TODAY.plusDays(30), "posted")), List.of());

        Report report = evaluate();

        assertThat(find(report, "announce")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.ATTESTED, "attested by Dana Kim (product)");
        assertThat(find(report, "announce").attestation().state()).isEqualTo("fresh");
        assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
    }

    @Test
    void anItemWhoseWorstCheckIsManualNeedsAnAttestation() {
        checked("memory", false, PASS, NOTHING_TO_MEASURE);
        checked("memory-and-broken", false, NOTHING_TO_MEASURE, FAIL);
        checked("memory-unreached", false, NOTHING_TO_MEASURE, NO_URL);

        Report report = evaluate();

        assertThat(find(report, "memory")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.MANUAL, "no metrics endpoint answered (tried /metrics)");
        assertThat(find(report, "memory").checks()).extracting(Report.CheckReport::status).containsExactly(Status.PASS, Status.MANUAL);
        assertThat(find(report, "memory-and-broken").status()).isEqualTo(Status.FAIL);
        assertThat(find(report, "memory-unreached").status()).isEqualTo(Status.MANUAL);
        assertThat(report.reasons()).containsExactly("2 blocking items are MANUAL without a fresh attestation", "1 blocking item is FAIL");
        assertThat(report.coverage().manual()).isEqualTo(2);
    }

    @Test
    void aFreshAttestationMakesAnItemWhoseCheckIsManualAttested() {
        checked("memory", false, NOTHING_TO_MEASURE);
        signoffs = new AttestationFile(List.of(new Attestation("memory", "item memory", "Ops Person", "sre",
                Instant.parse("2026-11-20T09:00:00Z"), TODAY.plusDays(30), "flat on the dashboard for a week")), List.of());

        Report report = evaluate();

        assertThat(find(report, "memory")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.ATTESTED, "attested by Ops Person (sre)");
        assertThat(find(report, "memory").checks()).extracting(Report.CheckReport::status).containsExactly(Status.MANUAL);
        assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
    }

    @Test
    void anAttestationGoesStaleWhenTheItemsTextChanges() {
        manual("announce", "Announce launch on social media and the blog");
        signoffs = new AttestationFile(List.of(new Attestation("announce", "Announce launch on social media", "Dana Kim", "product",
                Instant.parse("2026-11-20T09:00:00Z"), null, null)), List.of());

        Report report = evaluate();

        assertThat(find(report, "announce")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.MANUAL, "attestation by Dana Kim is stale: the item's text changed since");
        assertThat(find(report, "announce").attestation().state()).isEqualTo("stale");
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
    }

    @Test
    void anExpiredAttestationNoLongerCounts() {
        manual("drill", "Run a restore drill");
        signoffs = new AttestationFile(List.of(new Attestation("drill", "Run a restore drill", "Ops Person", "ops",
                Instant.parse("2026-08-01T09:00:00Z"), TODAY.minusDays(1), null)), List.of());

        Report report = evaluate();

        assertThat(find(report, "drill")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.MANUAL, "attestation by Ops Person expired on 2026-11-21");
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
    }

    @Test
    void anActiveWaiverTurnsAFailureIntoGoWithWaivers() {
        checked("tls", false, FAIL);
        checked("repo", false, PASS);
        signoffs = new AttestationFile(List.of(), List.of(new Waiver("tls", "staging uses a private CA until launch", "CTO", TODAY)));

        Report report = evaluate();

        assertThat(find(report, "tls")).extracting(ItemReport::status, ItemReport::reason)
                .containsExactly(Status.WAIVED, "waived by CTO: staging uses a private CA until launch");
        assertThat(find(report, "tls").waiver().active()).isTrue();
        assertThat(report.verdict()).isEqualTo(Report.Verdict.GO_WITH_WAIVERS);
    }

    @Test
    void anExpiredWaiverLeavesTheFailureStanding() {
        checked("tls", false, FAIL);
        signoffs = new AttestationFile(List.of(), List.of(new Waiver("tls", "until launch", "CTO", TODAY.minusDays(1))));

        Report report = evaluate();

        assertThat(find(report, "tls").status()).isEqualTo(Status.FAIL);
        assertThat(find(report, "tls").waiver().active()).isFalse();
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
    }

    @Test
    void aFalseClaimIsATickedItemThatFails() {
        checked("ticked-fail", true, FAIL);
        checked("unticked-fail", false, FAIL);
        checked("ticked-error", true, ERROR);
        checked("ticked-pass", true, PASS);
        checked("ticked-waived", true, FAIL);
        signoffs = new AttestationFile(List.of(), List.of(new Waiver("ticked-waived", "known", "CTO", TODAY)));

        Report report = evaluate();

        assertThat(report.falseClaims()).extracting(ItemReport::id).containsExactly("ticked-fail", "ticked-waived");
    }

    @Test
    void blockingSectionsMatchMojibakeAndEmojiHeadings() {
        checked("sec", List.of("Production Readiness Checklist", "‚úÖ Security"), false, PASS);
        checked("perf", List.of("Production Readiness Checklist", "‚úÖ Performance"), false, FAIL);
        checked("metrics", List.of("Production Readiness Checklist", "üìä Production Metrics"), false, ERROR);
        blocking = Blocking.of(new PreflightConfig.Blocking(List.of("Security", "production metrics"), List.of(), List.of()));

        Report report = evaluate();

        assertThat(report.items()).extracting(ItemReport::blocking).containsExactly(true, false, true);
        assertThat(report.verdict()).isEqualTo(Report.Verdict.NO_GO);
        assertThat(report.reasons()).containsExactly("1 blocking item is ERROR (could not be determined)");
    }

    @Test
    void blockingByItemIdAndNonBlockingSections() {
        checked("must", List.of("Post-Launch"), false, FAIL);
        checked("later", List.of("Post-Launch"), false, FAIL);
        blocking = Blocking.of(new PreflightConfig.Blocking(List.of(), List.of("must"), List.of("üîÑ Post-Launch")));

        Report report = evaluate();

        assertThat(report.items()).extracting(ItemReport::blocking).containsExactly(true, false);
        assertThat(report.reasons()).containsExactly("1 blocking item is FAIL");
    }

    @Test
    void nonBlockingFailuresLeaveAGo() {
        checked("perf", List.of("Performance"), false, FAIL);
        blocking = Blocking.of(new PreflightConfig.Blocking(List.of("Security"), List.of(), List.of()));

        assertThat(evaluate().verdict()).isEqualTo(Report.Verdict.GO);
    }

    @Test
    void theCoverageStatementSaysHowMuchWasVerified() {
        checked("a", false, PASS);
        checked("b", false, FAIL);
        checked("b2", false, ERROR);
        checked("c", false, NO_URL);
        checked("d", false, NO_URL);
        checked("e", false, Outcome.unverified("not implemented yet (planned in issue #4)"));
        checked("f", false, ABSENT);
        manual("g", "Announce launch");
        manual("h", "Train support staff");
        signoffs = new AttestationFile(List.of(new Attestation("h", "Train support staff", "Lee", "support",
                Instant.parse("2026-11-20T09:00:00Z"), null, null)), List.of());

        Report report = evaluate();

        assertThat(report.coverage().statement()).isEqualTo("2 of 9 items verified by machine against repo; 2 manual (1 attested); "
                + "3 unverified: 2 no --url given, 1 not implemented yet (planned in issue #4); 1 could not be determined (ERROR)");
        assertThat(report.coverage().targets()).containsExactly("repo");
        assertThat(report.counts()).containsEntry(Status.PASS, 1).containsEntry(Status.FAIL, 1).containsEntry(Status.SKIP, 4)
                .containsEntry(Status.MANUAL, 1).containsEntry(Status.ATTESTED, 1).containsEntry(Status.WAIVED, 0);
    }

    @Test
    void withNoTargetTheStatementSaysNothingWasChecked() {
        targets = Targets.none();
        checked("a", false, Outcome.unverified("no --repo given"));

        assertThat(evaluate().coverage().statement()).startsWith("0 of 1 items verified by machine against nothing (no target given)");
    }
}
