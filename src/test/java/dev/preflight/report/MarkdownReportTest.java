package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Status;
import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;

class MarkdownReportTest {

    @Test
    void summarisesARealRunForAPullRequest(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.report();
            String md = new MarkdownReport().render(report);

            assertThat(md).startsWith("## ❌ Preflight: NO-GO\n");
            assertThat(md).contains("> " + MarkdownReport.escape(report.coverage().statement()));
            // The counts follow the catalog (items bind to more checks as they are built); the rendering must follow the counts.
            Map<Status, Integer> n = report.counts();
            assertThat(md).contains("| ✅ PASS |").contains("| " + String.join(" | ", Stream.of(Status.PASS, Status.ATTESTED, Status.WARN,
                    Status.WAIVED, Status.SKIP, Status.MANUAL, Status.ERROR, Status.FAIL).map(s -> String.valueOf(n.get(s))).toList()) + " |");
            assertThat(n.get(Status.FAIL)).isGreaterThanOrEqualTo(2);
            assertThat(md).contains("- " + n.get(Status.MANUAL) + " blocking items are MANUAL without a fresh attestation");

            int falseClaims = md.indexOf("### 🚩 False claims");
            assertThat(falseClaims).isPositive();
            assertThat(md.indexOf("**Verify metrics endpoint**")).isGreaterThan(falseClaims);
            assertThat(md.indexOf("### ⚠️ Passing with a weakness")).isGreaterThan(falseClaims);
            assertThat(md).contains("**" + RealRun.SLOW + "** — `" + report.checklist().path() + ":"
                    + RealRun.item(report, RealRun.SLOW).line() + "` · http.health: /slow answered 200 but took");
            assertThat(md).contains("### 🛂 Waived (1)").contains("waived by Lee");
            assertThat(md).contains("### ⏭️ Skipped (" + n.get(Status.SKIP) + ")");
            assertThat(md).doesNotContain("Test health check endpoint");

            int details = md.indexOf("<details>");
            assertThat(md.substring(details)).contains(n.get(Status.MANUAL) + " manual items need a sign-off")
                    .contains("**Configure cleanup intervals**")
                    .contains("</details>");
            assertThat(md.substring(0, details)).doesNotContain("Configure cleanup intervals");
        }
    }

    @Test
    void escapesHostileItemTextAndEvidence(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            String md = new MarkdownReport().render(run.report());
            assertThat(md).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>");
            assertThat(md).contains("Secrets &lt;b&gt;never&lt;/b&gt; committed: .env in .gitignore &amp; \"double\" 'single' \\]\\]&gt;")
                    .contains("&lt;img src=x onerror=alert(1)&gt;");

            // Rendered as GitHub would (raw HTML allowed), the hostile text stays text.
            String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
            assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>never")
                    .contains("Secrets &lt;b&gt;never&lt;/b&gt; committed")
                    .contains("<details>");
        }
    }

    @Test
    void aGoOverTheRepositoryAloneSaysWhatWasChecked(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve(".gitignore"), ".env\n");
        Path checklist = dir.resolve("CHECKLIST.md");
        Files.writeString(checklist, "# Go-live\n- [x] `.env` is listed in .gitignore\n");
        Report report = new Preflight(Catalog.standard(), PreflightConfig.EMPTY)
                .check(checklist, new Targets(repo, List.of(), List.of()), RunOptions.defaults());

        String md = new MarkdownReport().render(report);
        assertThat(report.verdict()).isEqualTo(Report.Verdict.GO);
        assertThat(md).startsWith("## ✅ Preflight: GO (for what was checked: repo)\n")
                .doesNotContain("<details>").doesNotContain("False claims");
    }

    @Test
    void showsEveryLoadRunsPercentilesAndSparkline() {
        String md = new MarkdownReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET)));
        int section = md.indexOf("### 📈 Latency under load (1)\n\n");
        assertThat(section).isGreaterThan(md.indexOf("### ❌ Failing (1)"));
        assertThat(md.substring(section)).startsWith("### 📈 Latency under load (1)\n\n"
                + "- ❌ **API response time &lt; 200ms (p95)** — `load.latency` on " + SampleLoadRuns.TARGET + "\n"
                + "  - p50 2.10 ms · p90 3.40 ms · p95 4.00 ms · p99 12.50 ms · p99.9 1800 ms · p99.99 2400 ms · max 2500 ms\n"
                + "  - p95 per 1 s interval ▁▁▁▁▁▁█▁▁▁▁▁▁▁▁ (4.00 ms to 1800 ms, highest at 6 s); 12 errors in 1 interval\n\n");
    }

    @Test
    void aLoadRunWithoutFiguresAndAHostileTargetStayPlainText() {
        var empty = new dev.preflight.check.Evidence.LatencyProfile("http://127.0.0.1:9/<img src=x>*[a](b)*", List.of(), List.of());
        String md = new MarkdownReport().render(SampleLoadRuns.report(empty));
        assertThat(md).contains("on http://127.0.0.1:9/&lt;img src=x&gt;\\*\\[a\\](b)\\*\n  - no latency recorded\n  - no intervals recorded\n");
        String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
        assertThat(html).doesNotContain("<img").doesNotContain("<em>").doesNotContain("<a href=\"b\"");
    }

    @Test
    void aReportWithoutLoadRunsHasNoLatencySection(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            assertThat(new MarkdownReport().render(run.report())).doesNotContain("Latency under load");
        }
    }

    @Test
    void escapeLeavesPlainWordsAlone() {
        assertThat(MarkdownReport.escape("API response time < 200ms (p95) - 10GB+")).isEqualTo("API response time &lt; 200ms (p95) - 10GB+");
        assertThat(MarkdownReport.escape("*a* _b_ `c` [d](e) |f| ~g~ \\")).isEqualTo("\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\|f\\| \\~g\\~ \\\\");
        assertThat(MarkdownReport.escape("two\nlines")).isEqualTo("two lines");
    }
}
