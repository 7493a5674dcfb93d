package dev.preflight.check;

/** How much a failure of the check matters; SARIF levels and sort order follow it. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
