package dev.preflight.checks.http;

import java.util.ArrayList;
import java.util.List;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

/**
 * One aspect of a live answer judged on its own (a header, a cookie, an origin), with the fix when it
 * is not a pass. Each becomes a note "subject: STATUS, finding", the form the benchmark reads too.
 */
record Graded(String subject, Status status, String finding, String fix) {

    static Graded pass(String subject, String finding) {
        return new Graded(subject, Status.PASS, finding, null);
    }

    static Graded warn(String subject, String finding, String fix) {
        return new Graded(subject, Status.WARN, finding, fix);
    }

    static Graded fail(String subject, String finding, String fix) {
        return new Graded(subject, Status.FAIL, finding, fix);
    }

    /** A fail that is only a warning when the answer is not a page a browser renders (JSON, an image). */
    static Graded failOnPages(boolean page, String subject, String finding, String fix) {
        return new Graded(subject, page ? Status.FAIL : Status.WARN, page ? finding : finding + " (not an HTML page)", fix);
    }

    Evidence.Note note() {
        return new Evidence.Note(subject + ": " + status + ", " + finding);
    }

    /**
     * The outcome of several graded aspects: the worst status; the summary names every aspect at that
     * status, the remediation joins their fixes, and the evidence is the observation(s) then every note.
     */
    static Outcome outcome(List<Graded> graded, String passSummary, Evidence first) {
        return outcome(graded, passSummary, List.of(first));
    }

    /** The same, with several observations before the notes. */
    static Outcome outcome(List<Graded> graded, String passSummary, List<Evidence> observations) {
        Status worst = graded.stream().map(Graded::status).reduce(Status.PASS, Status::worse);
        List<Evidence> evidence = new ArrayList<>(observations);
        graded.forEach(g -> evidence.add(g.note()));
        if (worst == Status.PASS) {
            return Outcome.pass(passSummary, evidence);
        }
        List<Graded> worstOnes = graded.stream().filter(g -> g.status() == worst).toList();
        String summary = String.join("; ", worstOnes.stream().map(g -> g.subject() + ": " + g.finding()).toList());
        String fix = String.join(" ", worstOnes.stream().map(Graded::fix).distinct().toList());
        return worst == Status.FAIL ? Outcome.fail(summary, fix, evidence) : Outcome.warn(summary, fix, evidence);
    }
}
