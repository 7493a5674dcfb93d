package dev.preflight.cli;

import java.util.List;
import java.util.Locale;

import dev.preflight.report.HtmlReport;
import dev.preflight.report.JUnitReport;
import dev.preflight.report.JsonReport;
import dev.preflight.report.MarkdownReport;
import dev.preflight.report.ReportWriter;
import dev.preflight.report.SarifReport;
import dev.preflight.report.TextReport;

/** The report formats of {@code --format}, and the file extensions that imply them for {@code --out}. */
enum Format {
    // SARIF comes before JSON so that "report.sarif.json" is SARIF.
    TEXT("txt"), SARIF("sarif", "sarif.json"), JSON("json"), MARKDOWN("md", "markdown"), JUNIT("xml"), HTML("html", "htm");

    private final List<String> extensions;

    Format(String... extensions) {
        this.extensions = List.of(extensions);
    }

    ReportWriter writer(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReport(colour);
            case JSON -> new JsonReport();
            case MARKDOWN -> new MarkdownReport();
            case JUNIT -> new JUnitReport();
            case SARIF -> new SarifReport();
            case HTML -> new HtmlReport();
        };
    }

    static Format forFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            for (String extension : f.extensions) {
                if (lower.endsWith("." + extension)) {
                    return f;
                }
            }
        }
        return TEXT;
    }
}
