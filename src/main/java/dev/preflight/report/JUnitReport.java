package dev.preflight.report;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report.CheckReport;
import dev.preflight.report.Report.ItemReport;

/**
 * JUnit XML for CI test tabs: one {@code <testsuite>} per section (its heading path joined with
 * " › "), one {@code <testcase>} per item. FAIL is a {@code <failure>}, ERROR an {@code <error>},
 * SKIP, MANUAL and WAIVED are {@code <skipped>} with the reason; WARN and ATTESTED pass with a note
 * in {@code <system-out>}. Written with StAX, and characters XML 1.0 cannot carry are replaced, so the
 * document is well-formed whatever the checklist holds.
 */
public final class JUnitReport implements ReportWriter {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    @Override
    public String render(Report report) {
        Map<String, List<ItemReport>> bySection = new LinkedHashMap<>();
        for (ItemReport item : report.items()) {
            bySection.computeIfAbsent(String.join(" › ", item.section()), k -> new ArrayList<>()).add(item);
        }
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attribute(xml, "name", "preflight " + report.checklist().path());
            attribute(xml, "tests", report.items().size());
            attribute(xml, "failures", count(report.items(), Status.FAIL));
            attribute(xml, "errors", count(report.items(), Status.ERROR));
            attribute(xml, "skipped", report.items().stream().filter(i -> skipped(i.status())).count());
            attribute(xml, "time", seconds(report.durationMs()));
            if (report.generatedAt() != null) {
                attribute(xml, "timestamp", report.generatedAt().toString());
            }
            for (Map.Entry<String, List<ItemReport>> section : bySection.entrySet()) {
                suite(xml, section.getKey().isEmpty() ? "(no heading)" : section.getKey(), section.getValue(), report);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("a report could not be written as JUnit XML", e);
        }
        return text + "\n";
    }

    private static void suite(XMLStreamWriter xml, String name, List<ItemReport> items, Report report) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        attribute(xml, "name", name);
        attribute(xml, "tests", items.size());
        attribute(xml, "failures", count(items, Status.FAIL));
        attribute(xml, "errors", count(items, Status.ERROR));
        attribute(xml, "skipped", items.stream().filter(i -> skipped(i.status())).count());
        attribute(xml, "time", seconds(items.stream().mapToLong(JUnitReport::durationMs).sum()));
        for (ItemReport item : items) {
            testcase(xml, name, item, report.checklist().path());
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, String suite, ItemReport item, String file) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        attribute(xml, "name", item.text());
        attribute(xml, "classname", suite);
        attribute(xml, "file", file);
        attribute(xml, "line", item.line());
        attribute(xml, "time", seconds(durationMs(item)));
        String summary = summary(item);
        switch (item.status()) {
            case FAIL -> outcome(xml, "failure", summary, item);
            case ERROR -> outcome(xml, "error", summary, item);
            case SKIP, MANUAL, WAIVED -> {
                xml.writeStartElement("skipped");
                attribute(xml, "message", item.status() + ": " + summary);
                xml.writeEndElement();
            }
            case WARN, ATTESTED -> {
                xml.writeStartElement("system-out");
                text(xml, item.status() + ": " + summary + "\n" + details(item));
                xml.writeEndElement();
            }
            case PASS -> {
            }
        }
        xml.writeEndElement();
    }

    private static void outcome(XMLStreamWriter xml, String element, String summary, ItemReport item) throws XMLStreamException {
        xml.writeStartElement(element);
        attribute(xml, "message", summary);
        attribute(xml, "type", item.status().name());
        text(xml, details(item));
        xml.writeEndElement();
    }

    /** The line a CI tab shows first: the worst check's summary, or why the item has none. */
    private static String summary(ItemReport item) {
        String first = TextReport.firstEvidence(item);
        if (item.status() == Status.WAIVED && item.waiver() != null) {
            return "waived by " + item.waiver().approver() + ": " + item.waiver().reason() + (first.isEmpty() ? "" : " (" + first + ")");
        }
        return first.isEmpty() ? item.status().name().toLowerCase(Locale.ROOT) : first;
    }

    /** Every check's status, summary, evidence and remediation, one per line. */
    private static String details(ItemReport item) {
        StringBuilder out = new StringBuilder();
        for (CheckReport check : item.checks()) {
            out.append(check.id()).append(' ').append(check.status()).append(": ").append(check.summary()).append('\n');
            for (Evidence e : check.evidence()) {
                out.append("  ").append(e.describe()).append('\n');
            }
            if (check.remediation() != null) {
                out.append("  fix: ").append(check.remediation()).append('\n');
            }
        }
        if (item.checks().isEmpty() && item.reason() != null) {
            out.append(item.reason()).append('\n');
        }
        return out.toString();
    }

    private static long durationMs(ItemReport item) {
        return item.checks().stream().mapToLong(CheckReport::durationMs).sum();
    }

    private static boolean skipped(Status status) {
        return status == Status.SKIP || status == Status.MANUAL || status == Status.WAIVED;
    }

    private static long count(List<ItemReport> items, Status status) {
        return items.stream().filter(i -> i.status() == status).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static void attribute(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        xml.writeAttribute(name, xmlSafe(String.valueOf(value)));
    }

    private static void text(XMLStreamWriter xml, String value) throws XMLStreamException {
        xml.writeCharacters(xmlSafe(value));
    }

    /**
     * StAX escapes markup but passes through characters XML 1.0 forbids (most control characters,
     * lone surrogates, U+FFFE/U+FFFF), which would make the whole file unparseable: they become U+FFFD.
     */
    static String xmlSafe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }
}
