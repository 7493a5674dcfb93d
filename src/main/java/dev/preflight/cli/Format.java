package dev.preflight.cli;

import java.util.Locale;

import dev.preflight.report.JsonReport;
import dev.preflight.report.ReportWriter;
import dev.preflight.report.TextReport;

/** The report formats of {@code --format}, and the file extensions that imply them for {@code --out}. */
enum Format {
    TEXT("txt"), JSON("json");

    private final String extension;

    Format(String extension) {
        this.extension = extension;
    }

    ReportWriter writer(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReport(colour);
            case JSON -> new JsonReport();
        };
    }

    static Format forFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (lower.endsWith("." + f.extension)) {
                return f;
            }
        }
        return TEXT;
    }
}
