package dev.preflight.check;

/** What a check looks at, and the option that names it. */
public enum TargetKind {
    REPO("--repo"), URL("--url"), DB("--db"), HOST("--host or --host-root");

    private final String option;

    TargetKind(String option) {
        this.option = option;
    }

    public String option() {
        return option;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
