package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.preflight.check.Status;


class JUnitReportTest {

    @Test
    void oneSuitePerSectionAndOneCasePerItem(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.report();
            Document xml = parse(new JUnitReport().render(report));

            Element root = xml.getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("testsuites");
            assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(report.items().size()));
            var n = report.counts();
            assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(n.get(Status.FAIL)));
            assertThat(root.getAttribute("errors")).isEqualTo(String.valueOf(n.get(Status.ERROR)));
            assertThat(root.getAttribute("skipped")).isEqualTo(String.valueOf(n.get(Status.SKIP) + n.get(Status.MANUAL) + n.get(Status.WAIVED)));

            Set<String> sections = new LinkedHashSet<>();
            report.items().forEach(i -> sections.add(String.join(" › ", i.section())));
            List<String> suites = new ArrayList<>();
            NodeList suiteNodes = xml.getElementsByTagName("testsuite");
            for (int i = 0; i < suiteNodes.getLength(); i++) {
                suites.add(((Element) suiteNodes.item(i)).getAttribute("name"));
            }
            assertThat(suites).containsExactlyElementsOf(sections);
            assertThat(suites).contains("Production Deployment Checklist › ✅ Pre-Deployment Checklist › Security");
            assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(report.items().size());

            Element metrics = testcase(xml, RealRun.FALSE_CLAIM);
            assertThat(metrics.getAttribute("classname")).isEqualTo("Production Deployment Checklist › ✅ Pre-Deployment Checklist › Testing");
            assertThat(metrics.getAttribute("file")).isEqualTo(report.checklist().path());
            assertThat(metrics.getAttribute("line")).isEqualTo(String.valueOf(RealRun.item(report, RealRun.FALSE_CLAIM).line()));
            Element failure = child(metrics, "failure");
            assertThat(failure.getAttribute("message")).startsWith("http.metrics: not Prometheus text");
            assertThat(failure.getAttribute("type")).isEqualTo("FAIL");
            assertThat(failure.getTextContent()).contains("GET " + run.url() + "/metrics -> HTTP 200").contains("fix: ");

            Element manual = testcase(xml, "Configure cleanup intervals");
            assertThat(child(manual, "skipped").getAttribute("message")).startsWith("MANUAL: ");
            assertThat(child(testcase(xml, "Test rate limiting"), "skipped").getAttribute("message"))
                    .isEqualTo("SKIP: http.rate-limit: needs --active (it sends more than a few GET requests)");
            assertThat(child(testcase(xml, RealRun.WAIVED), "skipped").getAttribute("message"))
                    .startsWith("WAIVED: waived by Lee: probe ships next sprint <i>promise</i>");

            Element slow = testcase(xml, RealRun.SLOW);
            assertThat(slow.getElementsByTagName("failure").getLength()).isZero();
            assertThat(child(slow, "system-out").getTextContent()).startsWith("WARN: http.health: /slow answered 200 but took");
            assertThat(child(testcase(xml, RealRun.ATTESTED), "system-out").getTextContent()).contains("attested by Dana <b>Ops</b>");
            assertThat(testcase(xml, "Test health check endpoint").getChildNodes().getLength()).isZero();
        }
    }

    @Test
    void aLoadRunsLatencyProfileIsOneLineOfTheFailure() throws Exception {
        var profile = SampleLoadRuns.stalled(SampleLoadRuns.TARGET);
        Document xml = parse(new JUnitReport().render(SampleLoadRuns.report(profile)));
        Element failure = child(testcase(xml, SampleLoadRuns.ITEM), "failure");
        assertThat(failure.getAttribute("message")).isEqualTo("load.latency: p95 1800 ms > 200 ms");
        assertThat(failure.getTextContent()).contains("\n  " + profile.describe() + "\n");
    }

    @Test
    void anUnreachableTargetIsAnError(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.unreachableReport();
            Document xml = parse(new JUnitReport().render(report));
            Element health = testcase(xml, "Test health check endpoint");
            Element error = child(health, "error");
            assertThat(error.getAttribute("type")).isEqualTo("ERROR");
            assertThat(error.getAttribute("message")).startsWith("http.health: health endpoint could not be reached");
            long errors = report.items().stream().filter(i -> i.status() == dev.preflight.check.Status.ERROR).count();
            assertThat(xml.getDocumentElement().getAttribute("errors")).isEqualTo(String.valueOf(errors));
            assertThat(errors).isPositive();
        }
    }

    @Test
    void hostileTextSurvivesAsText(@TempDir Path dir) throws Exception {
        try (RealRun run = RealRun.in(dir)) {
            Report report = run.report();
            String text = new JUnitReport().render(report);
            assertThat(text).doesNotContain("<script").doesNotContain("<b>").doesNotContain("<img");
            Document xml = parse(text);

            Element hostile = testcase(xml, RealRun.HOSTILE_FAIL);
            assertThat(hostile.getAttribute("classname")).isEqualTo("Production Deployment Checklist › " + RealRun.HOSTILE_SECTION);
            assertThat(child(hostile, "failure").getTextContent()).contains(".env: tracked by git");
            testcase(xml, RealRun.HOSTILE_PASS);
            testcase(xml, RealRun.HOSTILE_MANUAL);
            assertThat(child(testcase(xml, RealRun.FALSE_CLAIM), "failure").getTextContent())
                    .contains("<script>alert('m')</script> & ]]> is not Prometheus text");
        }
    }

    @Test
    void charactersXmlCannotCarryAreReplaced() throws Exception {
        assertThat(JUnitReport.xmlSafe("ok \t\n é 😀")).isEqualTo("ok \t\n é 😀");
        assertThat(JUnitReport.xmlSafe("nul\u0000 esc\u001b lone\ud800 end\uffff")).isEqualTo("nul\ufffd esc\ufffd lone\ufffd end\ufffd");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testcase(Document xml, String name) {
        NodeList cases = xml.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase named " + name);
    }

    private static Element child(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        assertThat(found.getLength()).as("<%s> in testcase %s", tag, parent.getAttribute("name")).isEqualTo(1);
        return (Element) found.item(0);
    }

}
