package dev.preflight.report;

/** Renders a report in one format. Writers are pure: the same report gives the same text. */
public interface ReportWriter {
    String render(Report report);
}
