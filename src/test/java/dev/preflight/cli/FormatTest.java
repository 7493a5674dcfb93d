package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.preflight.report.HtmlReport;
import dev.preflight.report.JUnitReport;
import dev.preflight.report.JsonReport;
import dev.preflight.report.MarkdownReport;
import dev.preflight.report.SarifReport;
import dev.preflight.report.TextReport;

class FormatTest {

    @Test
    void theOutFilesExtensionPicksTheFormat() {
        assertThat(Format.forFile("report.md")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.forFile("REPORT.MARKDOWN")).isEqualTo(Format.MARKDOWN);
        assertThat(Format.forFile("TEST-preflight.xml")).isEqualTo(Format.JUNIT);
        assertThat(Format.forFile("preflight.sarif")).isEqualTo(Format.SARIF);
        assertThat(Format.forFile("preflight.sarif.json")).isEqualTo(Format.SARIF);
        assertThat(Format.forFile("report.json")).isEqualTo(Format.JSON);
        assertThat(Format.forFile("report.html")).isEqualTo(Format.HTML);
        assertThat(Format.forFile("report.log")).isEqualTo(Format.TEXT);
    }

    @Test
    void everyFormatHasItsWriter() {
        assertThat(Format.TEXT.writer(false)).isInstanceOf(TextReport.class);
        assertThat(Format.JSON.writer(false)).isInstanceOf(JsonReport.class);
        assertThat(Format.MARKDOWN.writer(false)).isInstanceOf(MarkdownReport.class);
        assertThat(Format.JUNIT.writer(false)).isInstanceOf(JUnitReport.class);
        assertThat(Format.SARIF.writer(false)).isInstanceOf(SarifReport.class);
        assertThat(Format.HTML.writer(false)).isInstanceOf(HtmlReport.class);
        assertThat(Format.valueOf("markdown".toUpperCase())).isEqualTo(Format.MARKDOWN);
    }
}
