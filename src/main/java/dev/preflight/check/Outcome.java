package dev.preflight.check;

import java.util.List;
import java.util.Objects;

/**
 * A check's result. A SKIP says why: {@link Skip#NOT_APPLICABLE} (the thing does not exist in this
 * deployment, which does not block a GO) or {@link Skip#UNVERIFIED} (its target was not given, it
 * needs {@code --active}, or it is not built yet, which does). A MANUAL says why no machine
 * could judge the item this time; the item then needs an attestation like any manual item.
 */
public record Outcome(Status status, String summary, List<Evidence> evidence, String remediation, Skip skip) {

    public enum Skip { NOT_APPLICABLE, UNVERIFIED }

    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
        if ((status == Status.SKIP) != (skip != null)) {
            throw new IllegalArgumentException("a SKIP, and only a SKIP, carries a skip kind");
        }
    }

    public static Outcome pass(String summary, Evidence... evidence) {
        return new Outcome(Status.PASS, summary, List.of(evidence), null, null);
    }

    public static Outcome pass(String summary, List<Evidence> evidence) {
        return new Outcome(Status.PASS, summary, evidence, null, null);
    }

    public static Outcome fail(String summary, String remediation, List<Evidence> evidence) {
        return new Outcome(Status.FAIL, summary, evidence, remediation, null);
    }

    public static Outcome fail(String summary, String remediation, Evidence... evidence) {
        return fail(summary, remediation, List.of(evidence));
    }

    public static Outcome warn(String summary, String remediation, List<Evidence> evidence) {
        return new Outcome(Status.WARN, summary, evidence, remediation, null);
    }

    public static Outcome error(String summary, Evidence... evidence) {
        return new Outcome(Status.ERROR, summary, List.of(evidence), null, null);
    }

    /**
     * No machine verdict here, so the item needs a person's attestation, with {@code reason} saying
     * why (the service exposes nothing to measure) and {@code remediation} (may be null) how to make
     * it measurable. Unlike a SKIP, it does not say "not applicable".
     */
    public static Outcome manual(String reason, String remediation, Evidence... evidence) {
        return new Outcome(Status.MANUAL, reason, List.of(evidence), remediation, null);
    }

    public static Outcome notApplicable(String reason) {
        return new Outcome(Status.SKIP, reason, List.of(), null, Skip.NOT_APPLICABLE);
    }

    public static Outcome unverified(String reason) {
        return new Outcome(Status.SKIP, reason, List.of(), null, Skip.UNVERIFIED);
    }

    public boolean isUnverified() {
        return skip == Skip.UNVERIFIED;
    }
}
