package dev.preflight.check;

/**
 * The status of a check or an item. {@link #rank} orders statuses for "the worst of": a group item
 * takes the highest rank among its children, an item the highest among the checks that ran.
 */
public enum Status {
    PASS(0), ATTESTED(1), WARN(2), WAIVED(3), SKIP(4), MANUAL(5), ERROR(6), FAIL(7);

    private final int rank;

    Status(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public Status worse(Status other) {
        return other.rank > rank ? other : this;
    }

    /** FAIL and ERROR stop a GO unless a waiver accepts them. */
    public boolean isFailure() {
        return this == FAIL || this == ERROR;
    }
}
