package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LatencyPoint;

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

    @Test
    void drawsALoadRunsLatencyOverTimeAsInlineSvg() throws Exception {
        String html = new HtmlReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET)));
        assertThat(html).doesNotContain("<script").doesNotContain("url(").doesNotContain("NaN").doesNotContain("Infinity");
        Document page = parse(html);
        Element figure = byClass(page, "figure", "latency").getFirst();
        assertThat(figure.getElementsByTagName("figcaption").item(0).getTextContent()).isEqualTo("Latency under load: " + SampleLoadRuns.TARGET);

        Element chart = byClass(page, "svg", "over-time").getFirst();
        assertThat(chart.getAttribute("role")).isEqualTo("img");
        String summary = "Latency over time for " + SampleLoadRuns.TARGET + ": 15 intervals over 15 s; p95 from 4.00 ms to 1800 ms,"
                         + " highest at 6 s; 12 errors in 1 interval.";
        assertThat(chart.getAttribute("aria-label")).isEqualTo(summary);
        assertThat(chart.getElementsByTagName("title").item(0).getTextContent()).isEqualTo(summary);

        List<Element> lines = polylines(chart);
        assertThat(lines).extracting(l -> ((Element) l.getParentNode()).getAttribute("class"))
                .containsExactly("series p50", "series p95", "series p99", "series max");
        for (Element line : lines) {
            assertThat(points(line)).hasSize(15);
        }
        List<double[]> p95 = points(lines.get(1));
        double highest = p95.stream().mapToDouble(xy -> xy[1]).min().orElseThrow();
        assertThat(p95.get(SampleLoadRuns.STALL)[1]).as("the stall is the highest point (SVG's y grows downwards)").isEqualTo(highest);
        assertThat(p95.stream().mapToDouble(xy -> xy[0])).isSorted();

        List<Element> errorBars = byClass(chart, "rect", "errors").stream().filter(r -> r.getElementsByTagName("title").getLength() > 0).toList();
        assertThat(errorBars).singleElement().extracting(Element::getTextContent).isEqualTo("6 s: 12 of 40 requests failed");
        assertThat(texts(chart)).contains("ms", "0", "seconds since the run started", "errors", "errors (up to 12 per interval)",
                "p50", "p95", "p99", "max", "14");
    }

    @Test
    void drawsTheRunsPercentileCurveOnANinesAxis() throws Exception {
        Document page = parse(new HtmlReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET))));
        Element chart = byClass(page, "svg", "curve").getFirst();
        assertThat(chart.getAttribute("aria-label")).isEqualTo("Percentile curve for " + SampleLoadRuns.TARGET
                + ": p50 2.10 ms · p90 3.40 ms · p95 4.00 ms · p99 12.50 ms · p99.9 1800 ms · p99.99 2400 ms · max 2500 ms.");
        assertThat(texts(chart)).containsSubsequence("0%", "90%", "99%", "99.9%", "99.99%", "max");

        List<double[]> curve = points(polylines(chart).getFirst());
        assertThat(curve).hasSize(7);
        double oneNine = curve.get(3)[0] - curve.get(1)[0];
        assertThat(curve.get(4)[0] - curve.get(3)[0]).as("99% to 99.9% is as wide as 90% to 99%").isCloseTo(oneNine, within(0.15));
        assertThat(curve.get(5)[0] - curve.get(4)[0]).isCloseTo(oneNine, within(0.15));
        assertThat(curve.get(1)[0]).as("p90 sits on the 90%% tick").isEqualTo(tickAt(chart, "90%"));
        assertThat(curve.get(6)[0]).as("the maximum sits on the max tick").isEqualTo(tickAt(chart, "max"));
        assertThat(chart.getElementsByTagName("circle").getLength()).isEqualTo(7);
    }

    @Test
    void putsTheFiguresInTablesForWhoCannotSeeTheCharts() throws Exception {
        Document page = parse(new HtmlReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(SampleLoadRuns.TARGET))));
        Element details = byClass(page, "details", "figures").getFirst();
        assertThat(details.getElementsByTagName("summary").item(0).getTextContent()).isEqualTo("Figures");
        NodeList tables = details.getElementsByTagName("table");
        assertThat(tables.getLength()).isEqualTo(2);
        assertThat(rows((Element) tables.item(0))).contains(List.of("p99.9", "1800"), List.of("max", "2500"), List.of("p50", "2.10")).hasSize(8);
        assertThat(rows((Element) tables.item(1))).hasSize(16)
                .startsWith(List.of("from (s)", "seconds", "requests", "errors", "p50", "p95", "p99", "max"))
                .contains(List.of("6", "1", "40", "12", "400", "1800", "2400", "2500"), List.of("7", "1", "100", "0", "2.10", "4.00", "6.50", "9.00"));
    }

    @Test
    void escapesTheLoadTarget() throws Exception {
        String hostile = "http://127.0.0.1:9/<b>x</b>?a=1&b=\"2\"'";
        String html = new HtmlReport().render(SampleLoadRuns.report(SampleLoadRuns.stalled(hostile)));
        assertThat(html).doesNotContain("<b>x").contains("http://127.0.0.1:9/&lt;b&gt;x&lt;/b&gt;?a=1&amp;b=&quot;2&quot;&#39;");
        Document page = parse(html);
        assertThat(byClass(page, "svg", "curve").getFirst().getAttribute("aria-label")).startsWith("Percentile curve for " + hostile + ":");
    }

    @Test
    void anEmptyTimelineAndASinglePointCurveDrawWithoutDividingByZero() throws Exception {
        var onlyMax = new Evidence.LatencyProfile(SampleLoadRuns.TARGET, List.of(new LatencyPoint(100, 0)), List.of());
        var nothing = new Evidence.LatencyProfile(SampleLoadRuns.TARGET, List.of(), List.of());
        var oneInterval = new Evidence.LatencyProfile(SampleLoadRuns.TARGET, List.of(new LatencyPoint(50, 3)),
                List.of(new LatencyInterval(0, 0, 1, 0, 3, 3, 3, 3)));
        var unanswered = new Evidence.LatencyProfile(SampleLoadRuns.TARGET, List.of(),
                List.of(new LatencyInterval(0, 1, 0, 0, 0, 0, 0, 0), new LatencyInterval(1, 1, 0, 0, 0, 0, 0, 0)));
        String html = new HtmlReport().render(SampleLoadRuns.report(onlyMax, nothing, oneInterval, unanswered));
        assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
        Document page = parse(html);

        List<Element> figures = byClass(page, "figure", "latency");
        assertThat(figures).hasSize(4);
        assertThat(figures.get(0).getTextContent()).contains("Latency over time: no intervals recorded.");
        Element single = byClass(figures.get(0), "svg", "curve").getFirst();
        assertThat(polylines(single)).isEmpty();
        assertThat(single.getElementsByTagName("circle").getLength()).isOne();
        assertThat(texts(single)).containsSubsequence("0%", "max");
        assertThat(single.getAttribute("aria-label")).endsWith(": max 0.00 ms.");

        assertThat(figures.get(1).getTextContent()).contains("Latency over time: no intervals recorded.", "Percentile curve: no latency recorded.");
        assertThat(figures.get(1).getElementsByTagName("svg").getLength()).isZero();

        Element oneIntervalChart = byClass(figures.get(2), "svg", "over-time").getFirst();
        assertThat(polylines(oneIntervalChart)).isEmpty();
        assertThat(oneIntervalChart.getElementsByTagName("circle").getLength()).as("one dot per series").isEqualTo(4);
        assertThat(texts(byClass(figures.get(2), "svg", "curve").getFirst())).containsSubsequence("0%", "90%");

        Element silent = byClass(figures.get(3), "svg", "over-time").getFirst();
        assertThat(polylines(silent)).isEmpty();
        assertThat(silent.getAttribute("aria-label")).endsWith(": 2 intervals over 2 s; no errors.");
        assertThat(rows((Element) figures.get(3).getElementsByTagName("table").item(0))).contains(List.of("0", "1", "0", "0", "–", "–", "–", "–"));
    }

    @Test
    void anIntervalThatAnsweredNothingBreaksTheLines() throws Exception {
        var stalled = SampleLoadRuns.stalled(SampleLoadRuns.TARGET);
        List<LatencyInterval> timeline = new ArrayList<>(stalled.timeline());
        timeline.set(SampleLoadRuns.STALL, new LatencyInterval(SampleLoadRuns.STALL, 1, 0, 0, 0, 0, 0, 0));
        var profile = new Evidence.LatencyProfile(SampleLoadRuns.TARGET, stalled.percentiles(), timeline);
        Element chart = byClass(parse(new HtmlReport().render(SampleLoadRuns.report(profile))), "svg", "over-time").getFirst();
        List<Element> lines = polylines(chart);
        assertThat(lines).hasSize(8);
        assertThat(lines).extracting(l -> points(l).size()).containsOnly(SampleLoadRuns.STALL, 14 - SampleLoadRuns.STALL);
    }

    private static List<Element> polylines(Element svg) {
        List<Element> out = new ArrayList<>();
        NodeList all = svg.getElementsByTagName("polyline");
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    private static List<double[]> points(Element polyline) {
        List<double[]> out = new ArrayList<>();
        for (String xy : polyline.getAttribute("points").split(" ")) {
            String[] parts = xy.split(",");
            out.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        }
        return out;
    }

    private static double tickAt(Element svg, String label) {
        NodeList all = svg.getElementsByTagName("text");
        for (int i = 0; i < all.getLength(); i++) {
            if (all.item(i).getTextContent().equals(label)) {
                return Double.parseDouble(((Element) all.item(i)).getAttribute("x"));
            }
        }
        throw new AssertionError("no tick " + label);
    }

    private static List<String> texts(Element svg) {
        List<String> out = new ArrayList<>();
        NodeList all = svg.getElementsByTagName("text");
        for (int i = 0; i < all.getLength(); i++) {
            out.add(all.item(i).getTextContent());
        }
        return out;
    }

    private static List<List<String>> rows(Element table) {
        List<List<String>> out = new ArrayList<>();
        NodeList rows = table.getElementsByTagName("tr");
        for (int r = 0; r < rows.getLength(); r++) {
            List<String> cells = new ArrayList<>();
            NodeList children = rows.item(r).getChildNodes();
            for (int c = 0; c < children.getLength(); c++) {
                cells.add(children.item(c).getTextContent());
            }
            out.add(cells);
        }
        return out;
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
