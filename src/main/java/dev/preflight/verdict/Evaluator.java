package dev.preflight.verdict;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.preflight.attest.Attestation;
import dev.preflight.attest.Signoffs;
import dev.preflight.attest.Waiver;
import dev.preflight.binding.Binding;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.Item;
import dev.preflight.engine.CheckExecution;
import dev.preflight.engine.RunResult;
import dev.preflight.report.Report;
import dev.preflight.report.Report.ItemReport;

/**
 * Turns a run into item statuses and a verdict, as PRODUCT.md defines them: an item is the worst of
 * its checks that ran; all-SKIP is SKIP; a group item with no checks of its own is the worst of its
 * children; a manual item (no check binds it, or the worst of its checks is MANUAL: they found
 * nothing to judge) with a fresh attestation is ATTESTED; a failure with an active waiver is
 * WAIVED. NO_GO when a blocking item FAILs or ERRORs, is MANUAL, or went unverified.
 */
public final class Evaluator {
    private final Blocking blocking;
    private final Signoffs signoffs;
    private final LocalDate today;
    private final String version;

    public Evaluator(Blocking blocking, Signoffs signoffs, LocalDate today, String version) {
        this.blocking = blocking;
        this.signoffs = signoffs;
        this.today = today;
        this.version = version;
    }

    /** An item's status before its parent looks at it, with whether a SKIP means "unverified". */
    private record Judged(Status status, boolean unverified, String reason, boolean failedBeforeWaiver) {
    }

    public Report evaluate(Checklist checklist, RunResult run) {
        Map<String, Judged> judged = new HashMap<>();
        List<Binding> bindings = run.bindings();
        // Children follow their parent in file order, so a backwards pass sees every child first.
        for (int i = bindings.size() - 1; i >= 0; i--) {
            Binding b = bindings.get(i);
            judged.put(b.item().id(), judge(b, run.executions(b.item().id()), checklist, judged));
        }
        List<ItemReport> items = new ArrayList<>();
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        for (Binding b : bindings) {
            Item item = b.item();
            Judged j = judged.get(item.id());
            counts.merge(j.status(), 1, Integer::sum);
            items.add(new ItemReport(item.id(), item.line(), item.text(), item.section(), item.parentId(), item.claimed(),
                    j.status(), item.claimed() && j.failedBeforeWaiver(), blocking.blocks(item), j.reason(),
                    checkReports(b, run.executions(item.id())), attestationInfo(item), waiverInfo(item)));
        }
        List<String> reasons = new ArrayList<>();
        Report.Verdict verdict = verdict(items, judged, reasons);
        Report.Coverage coverage = coverage(run, items, judged);
        return new Report(Report.SCHEMA, new Report.Tool("preflight", version),
                new Report.ChecklistInfo(checklist.displayPath(), items.size()), verdict, counts, coverage, reasons, signoffs.orphans(), items,
                run.finishedAt(), java.time.Duration.between(run.startedAt(), run.finishedAt()).toMillis(), run.interrupted());
    }

    private Judged judge(Binding b, List<CheckExecution> executions, Checklist checklist, Map<String, Judged> judged) {
        Item item = b.item();
        Judged own;
        if (!executions.isEmpty()) {
            own = fromChecks(executions);
            if (own.status() == Status.MANUAL) {
                own = manual(item, own.reason());
            }
        } else if (b.group()) {
            own = fromChildren(checklist.childrenOf(item), judged);
        } else {
            own = manual(item, b.manualReason());
        }
        if (own.status().isFailure()) {
            Optional<Waiver> waiver = waiverFor(item);
            if (waiver.isPresent() && waiver.get().activeOn(today)) {
                return new Judged(Status.WAIVED, false, "waived by " + waiver.get().approver() + ": " + waiver.get().reason(), own.failedBeforeWaiver());
            }
        }
        return own;
    }

    /** The worst of the checks that ran; a MANUAL carries the first such check's reason. */
    private static Judged fromChecks(List<CheckExecution> executions) {
        Status worst = null;
        boolean unverified = false;
        String reason = null;
        String manualReason = null;
        for (CheckExecution e : executions) {
            Outcome o = e.outcome();
            if (o.status() == Status.SKIP) {
                unverified |= o.isUnverified();
                if (reason == null) {
                    reason = o.summary();
                }
                continue;
            }
            if (o.status() == Status.MANUAL && manualReason == null) {
                manualReason = o.summary();
            }
            worst = worst == null ? o.status() : worst.worse(o.status());
        }
        if (worst == null) {
            return new Judged(Status.SKIP, unverified, reason, false);
        }
        return new Judged(worst, false, worst == Status.MANUAL ? manualReason : null, worst == Status.FAIL);
    }

    private static Judged fromChildren(List<Item> children, Map<String, Judged> judged) {
        Status worst = Status.PASS;
        String unverifiedBecause = null;
        boolean failed = false;
        for (Item child : children) {
            Judged j = judged.get(child.id());
            worst = worst.worse(j.status());
            if (j.unverified() && unverifiedBecause == null) {
                unverifiedBecause = j.reason();
            }
            failed |= j.failedBeforeWaiver();
        }
        // An unverified group says why its children were, so the verdict's reasons stay plain.
        boolean unverified = unverifiedBecause != null && worst == Status.SKIP;
        return new Judged(worst, unverified, unverified ? unverifiedBecause : "the worst of its " + children.size() + " sub-items",
                failed && worst == Status.FAIL);
    }

    private Judged manual(Item item, String reason) {
        Optional<Attestation> a = attestationFor(item);
        if (a.isPresent()) {
            return switch (a.get().freshness(item.text(), today)) {
                case FRESH -> new Judged(Status.ATTESTED, false, "attested by " + a.get().by() + " (" + a.get().role() + ")", false);
                case STALE -> new Judged(Status.MANUAL, false, "attestation by " + a.get().by() + " is stale: the item's text changed since", false);
                case EXPIRED -> new Judged(Status.MANUAL, false, "attestation by " + a.get().by() + " expired on " + a.get().expires(), false);
            };
        }
        return new Judged(Status.MANUAL, false, reason, false);
    }

    private Report.Verdict verdict(List<ItemReport> items, Map<String, Judged> judged, List<String> reasons) {
        Map<String, Integer> blockers = new LinkedHashMap<>();
        boolean waived = false;
        for (ItemReport item : items) {
            if (!item.blocking()) {
                continue;
            }
            Judged j = judged.get(item.id());
            switch (item.status()) {
                case FAIL -> blockers.merge("FAIL", 1, Integer::sum);
                case ERROR -> blockers.merge("ERROR (could not be determined)", 1, Integer::sum);
                case MANUAL -> blockers.merge("MANUAL without a fresh attestation", 1, Integer::sum);
                case SKIP -> {
                    if (j.unverified()) {
                        blockers.merge("unverified: " + j.reason(), 1, Integer::sum);
                    }
                }
                case WAIVED -> waived = true;
                default -> {
                }
            }
        }
        blockers.forEach((why, n) -> reasons.add(n + " blocking item" + (n == 1 ? " is " : "s are ") + why));
        if (!blockers.isEmpty()) {
            return Report.Verdict.NO_GO;
        }
        return waived ? Report.Verdict.GO_WITH_WAIVERS : Report.Verdict.GO;
    }

    private static Report.Coverage coverage(RunResult run, List<ItemReport> items, Map<String, Judged> judged) {
        int verified = 0;
        int manual = 0;
        int attested = 0;
        int unverified = 0;
        int undetermined = 0;
        Map<String, Integer> because = new LinkedHashMap<>();
        for (ItemReport item : items) {
            Judged j = judged.get(item.id());
            switch (item.status()) {
                case MANUAL -> manual++;
                case ATTESTED -> attested++;
                case ERROR -> undetermined++;
                case SKIP -> {
                    if (j.unverified()) {
                        unverified++;
                        because.merge(j.reason(), 1, Integer::sum);
                    }
                }
                default -> verified++;
            }
        }
        List<String> targets = run.targets().given().stream().map(k -> k.label()).toList();
        String statement = String.format("%d of %d items verified by machine against %s; %d manual (%d attested); %d unverified%s",
                verified, items.size(), targets.isEmpty() ? "nothing (no target given)" : String.join(", ", targets),
                manual + attested, attested, unverified,
                because.isEmpty() ? "" : ": " + String.join(", ", because.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).toList()))
                + (undetermined == 0 ? "" : "; " + undetermined + " could not be determined (ERROR)");
        return new Report.Coverage(targets, verified, manual + attested, attested, unverified, because, statement);
    }

    private List<Report.CheckReport> checkReports(Binding b, List<CheckExecution> executions) {
        List<Report.CheckReport> out = new ArrayList<>();
        for (int i = 0; i < executions.size(); i++) {
            CheckExecution e = executions.get(i);
            Outcome o = e.outcome();
            out.add(new Report.CheckReport(e.checkId(), b.checks().get(i).entry().title(), o.status(), o.summary(),
                    e.params().values(), o.evidence(), o.remediation(), e.durationMs()));
        }
        return out;
    }

    private Report.AttestationInfo attestationInfo(Item item) {
        return attestationFor(item).map(a -> new Report.AttestationInfo(a.by(), a.role(), a.at(), a.expires(), a.note(),
                a.freshness(item.text(), today).name().toLowerCase(java.util.Locale.ROOT))).orElse(null);
    }

    private Report.WaiverInfo waiverInfo(Item item) {
        return waiverFor(item).map(w -> new Report.WaiverInfo(w.reason(), w.approver(), w.expires(), w.activeOn(today))).orElse(null);
    }

    private Optional<Attestation> attestationFor(Item item) {
        return signoffs.attestation(item);
    }

    private Optional<Waiver> waiverFor(Item item) {
        return signoffs.waiver(item);
    }
}
