package dev.preflight.checks.repo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.ResolvedDependency;
import dev.preflight.collect.ResolvedVersions;
import dev.preflight.collect.osv.Ecosystem;
import dev.preflight.collect.osv.OsvDatabase;
import dev.preflight.collect.osv.Vulnerability;

/**
 * No resolved dependency version is affected by a known vulnerability, matched offline against an
 * OSV export the user points to with {@code --osv}. Without that data nothing is verified, and the
 * check says so rather than passing.
 */
@CheckInfo(id = "repo.vulnerable-dependencies", title = "No dependency has a known vulnerability (offline OSV data)",
        target = TargetKind.REPO,
        phrases = {"vulnerabilit", "pip[- ]audit", "safety check", "npm audit", "\\bCVEs?\\b", "\\bOSV\\b"},
        related = {"osv-scanner", "pip-audit", "npm:audit", "trivy:vuln"})
public final class VulnerableDependenciesCheck implements Check {

    @Override
    public Outcome run(CheckContext context) {
        ResolvedVersions.Result resolved = ResolvedVersions.of(context.repo());
        List<Evidence> unreadable = new ArrayList<>();
        resolved.problems().forEach(p -> unreadable.add(new Evidence.Note(p)));
        if (resolved.dependencies().isEmpty()) {
            if (!unreadable.isEmpty()) {
                return Outcome.error("no lockfile could be read", unreadable.toArray(Evidence[]::new));
            }
            return Outcome.notApplicable("no resolved dependency versions (lockfile, == pin, go.mod, pom.xml) in the repository (stack: "
                    + context.repo().stack().describe() + ")");
        }
        OsvDatabase osv = context.osv();
        if (osv == null) {
            return Outcome.unverified("needs --osv DIR (an OSV export) to match " + resolved.dependencies().size() + " dependency versions against");
        }
        osv.problems().forEach(p -> unreadable.add(new Evidence.Note("--osv " + p)));
        if (osv.size() == 0) {
            return Outcome.unverified("--osv " + osv.directory() + " holds no OSV advisories");
        }
        Set<Ecosystem> used = EnumSet.noneOf(Ecosystem.class);
        resolved.dependencies().forEach(d -> used.add(d.ecosystem()));
        Set<Ecosystem> uncovered = EnumSet.copyOf(used);
        uncovered.removeAll(osv.ecosystems());
        if (uncovered.equals(used)) {
            return Outcome.unverified("the OSV export has no advisories for " + names(used));
        }

        List<Evidence> findings = new ArrayList<>();
        Set<String> fixes = new TreeSet<>();
        Set<String> vulnerabilities = new TreeSet<>();
        for (ResolvedDependency d : resolved.dependencies()) {
            for (Vulnerability v : Vulnerability.merge(osv.affecting(d.ecosystem(), d.name(), d.version()))) {
                vulnerabilities.add(v.title());
                List<String> fixed = v.fixedIn(d.ecosystem(), d.name());
                String summary = v.summary();
                findings.add(new Evidence.FileLine(d.path(), d.line(), d.name() + " " + d.version() + ": " + v.title()
                        + (summary.isEmpty() ? "" : " — " + summary) + (fixed.isEmpty() ? "" : " (fixed in " + String.join(", ", fixed) + ")")));
                fixes.add(d.name() + (fixed.isEmpty() ? " (no fixed version published)" : " to " + String.join(" or ", fixed)));
            }
        }
        List<Evidence> notes = new ArrayList<>(unreadable);
        if (!uncovered.isEmpty()) {
            notes.add(new Evidence.Note("the OSV export has no advisories for " + names(uncovered) + ": those dependencies were not checked"));
        }
        if (!findings.isEmpty()) {
            findings.addAll(notes);
            return Outcome.fail(vulnerabilities.size() + " known vulnerabilit" + (vulnerabilities.size() == 1 ? "y" : "ies") + " in "
                            + (findings.size() - notes.size()) + " dependency version(s): " + String.join(", ", vulnerabilities),
                    "Upgrade " + String.join("; ", fixes) + ", update the lockfile, and run the tests.", findings);
        }
        String summary = resolved.dependencies().size() + " dependency versions from " + String.join(", ", resolved.sources())
                + " matched against " + osv.size() + " OSV advisories: none affected";
        if (!uncovered.isEmpty()) {
            return Outcome.warn(summary + ", but " + names(uncovered) + " had no advisories to match",
                    "Add the " + names(uncovered) + " advisories to the OSV export (osv.dev publishes one archive per ecosystem).", notes);
        }
        return Outcome.pass(summary, notes);
    }

    private static String names(Set<Ecosystem> ecosystems) {
        return String.join(", ", ecosystems.stream().map(Ecosystem::osvName).toList());
    }
}
