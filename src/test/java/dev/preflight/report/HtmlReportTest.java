package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.preflight.check.Status;

class HtmlReportTest {

    @Test
    void isOneSelfContainedPageForAPhone(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            String html = new HtmlReport().render(run.report());
            assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                    .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                    .contains("<style>").contains("overflow-wrap:anywhere");
            assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("url(").doesNotContain("@import");
            Document page = parse(html);
            NodeList all = page.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                assertThat(e.getTagName()).isNotIn("script", "img", "iframe", "link", "object", "embed");
                assertThat(e.hasAttribute("src") || e.hasAttribute("href")).as("<%s> loads nothing", e.getTagName()).isFalse();
            }
        }
    }

    @Test
    void showsTheVerdictCoverageCountsAndFalseClaimsFirst(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.report();
            Document page = parse(new HtmlReport().render(report));

            Element banner = byClass(page, "header", "banner").getFirst();
            assertThat(banner.getAttribute("class")).isEqualTo("banner nogo");
            assertThat(byClass(page, "div", "verdict").getFirst().getTextContent()).isEqualTo("NO-GO");
            assertThat(byClass(page, "p", "coverage").getFirst().getTextContent()).isEqualTo(report.coverage().statement());
            assertThat(byClass(page, "ul", "counts").getFirst().getTextContent()).contains(report.counts().get(Status.PASS) + " PASS")
                    .contains(report.counts().get(Status.FAIL) + " FAIL").contains(report.counts().get(Status.MANUAL) + " MANUAL");

            NodeList headings = page.getElementsByTagName("h2");
            assertThat(headings.item(0).getTextContent()).isEqualTo("False claims: ticked, but the checks disprove them (2)");
            assertThat(headings.item(1).getTextContent()).isEqualTo("Production Deployment Checklist › ✅ Pre-Deployment Checklist › Security");
            assertThat(headings.item(headings.getLength() - 1).getTextContent()).isEqualTo("Production Deployment Checklist › " + RealRun.HOSTILE_SECTION);

            List<Element> items = byClass(page, "li", "item");
            assertThat(items).hasSize(report.items().size() + 2);
            Element metrics = items.getFirst();
            assertThat(metrics.getAttribute("class")).isEqualTo("item s-FAIL");
            assertThat(metrics.getTextContent()).contains("FAIL").contains(RealRun.FALSE_CLAIM)
                    .contains("line " + RealRun.item(report, RealRun.FALSE_CLAIM).line()).contains("false claim")
                    .contains("GET " + run.url() + "/metrics -> HTTP 200")
                    .contains("Fix: Serve the text exposition format");

            String attested = itemText(items, RealRun.ATTESTED);
            assertThat(attested).contains("Attested by Dana <b>Ops</b> (SRE & on-call) on 2026-11-01T10:00:00Z")
                    .contains("fresh: ports 80/443 only; see \"fw.md\"");
            assertThat(itemText(items, RealRun.WAIVED)).contains("Waiver by Lee: probe ships next sprint <i>promise</i> (until ");
            assertThat(itemText(items, RealRun.SLOW)).startsWith("WARN" + RealRun.SLOW);
        }
    }

    @Test
    void escapesEverything(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            String html = new HtmlReport().render(run.report());
            assertThat(html).doesNotContain("<b>never").doesNotContain("<i>promise").doesNotContain("<img").doesNotContain("<script")
                    .contains("Secrets &lt;b&gt;never&lt;/b&gt; committed: .env in .gitignore &amp; &quot;double&quot; &#39;single&#39; ]]&gt;")
                    .contains("&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt;");
            List<Element> items = byClass(parse(html), "li", "item");
            assertThat(itemText(items, RealRun.HOSTILE_PASS)).contains("PASS");
            assertThat(itemText(items, RealRun.HOSTILE_MANUAL)).contains("MANUAL");
            assertThat(HtmlReport.esc("a\u0000b\u001bc")).isEqualTo("a\ufffdb\ufffdc");
        }
    }

    private static String itemText(List<Element> items, String text) {
        return items.stream().filter(e -> byClass(e, "span", "text").getFirst().getTextContent().startsWith(text + " line"))
                .findFirst().orElseThrow(() -> new AssertionError("no item " + text)).getTextContent().strip();
    }

    private static Document parse(String html) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document page, String tag, String cssClass) {
        return byClass(page.getDocumentElement(), tag, cssClass);
    }

    private static List<Element> byClass(Element root, String tag, String cssClass) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                out.add(e);
            }
        }
        return out;
    }
}
