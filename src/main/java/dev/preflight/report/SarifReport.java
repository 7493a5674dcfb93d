package dev.preflight.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report.CheckReport;
import dev.preflight.report.Report.ItemReport;

/**
 * SARIF 2.1.0 for code-scanning dashboards (GitHub's rules included).
 *
 * <p>Policy, also in docs/reports.md: one rule per check id that appears in the report, with the
 * check's documentation as help; one result per check that FAILs or ERRORs (level {@code error}) or
 * WARNs ({@code warning}) on an item; one {@code note} result per MANUAL item, under the rule
 * {@value #MANUAL_RULE}, because an unsigned manual item blocks a GO and its alert closes when someone
 * attests it. Unverified SKIPs get no result: they say what this run could not see, not what is wrong,
 * and would open and close alerts with every change of targets. A failure accepted by a waiver keeps
 * its result, with an accepted external suppression.
 *
 * <p>A result is located at the first repository line its evidence names ({@link Evidence.FileLine}
 * with a line), relative to the repository root; otherwise (live checks, whole-file evidence) at the
 * item's line in the checklist. {@code partialFingerprints} hash the check id and the item id, so an
 * alert survives the item moving to another line.
 */
public final class SarifReport implements ReportWriter {
    public static final String MANUAL_RULE = "preflight.manual";
    static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String INFORMATION_URI = "https://preflight.dev/";
    static final String FINGERPRINT = "preflightCheckItem/v1";
    private static final String SRCROOT = "%SRCROOT%";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Function<String, Optional<String>> docs;

    public SarifReport() {
        this(SarifReport::classpathDoc);
    }

    /** @param docs a check's Markdown documentation by check id, when it has one */
    public SarifReport(Function<String, Optional<String>> docs) {
        this.docs = docs;
    }

    @Override
    public String render(Report report) {
        Map<String, String> titles = new TreeMap<>();
        boolean anyManual = false;
        for (ItemReport item : report.items()) {
            item.checks().forEach(c -> titles.putIfAbsent(c.id(), c.title() == null ? c.id() : c.title()));
            anyManual |= item.status() == Status.MANUAL;
        }
        List<String> ruleIds = new ArrayList<>(titles.keySet());
        if (anyManual) {
            ruleIds.add(MANUAL_RULE);
        }

        ArrayNode rules = NODES.arrayNode();
        for (String id : ruleIds) {
            rules.add(id.equals(MANUAL_RULE) ? manualRule() : rule(id, titles.get(id)));
        }
        ArrayNode results = NODES.arrayNode();
        for (ItemReport item : report.items()) {
            for (CheckReport check : item.checks()) {
                String level = level(check.status());
                if (level != null) {
                    results.add(checkResult(report, item, check, level, ruleIds.indexOf(check.id())));
                }
            }
            if (item.status() == Status.MANUAL) {
                results.add(manualResult(report, item, ruleIds.indexOf(MANUAL_RULE)));
            }
        }

        ObjectNode driver = NODES.objectNode()
                .put("name", report.tool().name())
                .put("version", report.tool().version())
                .put("informationUri", INFORMATION_URI);
        driver.set("rules", rules);
        ObjectNode run = NODES.objectNode();
        run.set("tool", NODES.objectNode().set("driver", driver));
        run.set("automationDetails", NODES.objectNode().put("id", "preflight/" + category(report.checklist().path()) + "/"));
        ObjectNode invocation = NODES.objectNode().put("executionSuccessful", !report.interrupted());
        if (report.generatedAt() != null) {
            invocation.put("endTimeUtc", report.generatedAt().toString());
        }
        run.set("invocations", NODES.arrayNode().add(invocation));
        run.set("results", results);
        run.set("properties", NODES.objectNode()
                .put("verdict", report.verdict().name())
                .put("coverage", report.coverage().statement()));
        ObjectNode log = NODES.objectNode().put("$schema", SCHEMA_URI).put("version", "2.1.0");
        log.set("runs", NODES.arrayNode().add(run));
        try {
            return JsonReport.JSON.writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as SARIF", e);
        }
    }

    private static String level(Status status) {
        return switch (status) {
            case FAIL, ERROR -> "error";
            case WARN -> "warning";
            default -> null;
        };
    }

    private ObjectNode rule(String id, String title) {
        Optional<String> doc = docs.apply(id).filter(d -> !d.isBlank());
        String full = doc.map(SarifReport::firstParagraph).orElse(title);
        ObjectNode rule = NODES.objectNode().put("id", id).put("name", title);
        rule.set("shortDescription", message(title));
        rule.set("fullDescription", message(full));
        rule.set("help", NODES.objectNode()
                .put("text", doc.orElse(title + ". Run 'preflight explain " + id + "' for the check's documentation."))
                .put("markdown", doc.orElse("**" + title + "**\n\nRun `preflight explain " + id + "` for the check's documentation.")));
        ArrayNode tags = NODES.arrayNode().add("preflight");
        if (id.indexOf('.') > 0) {
            tags.add(id.substring(0, id.indexOf('.')));
        }
        rule.set("properties", NODES.objectNode().set("tags", tags));
        return rule;
    }

    private static ObjectNode manualRule() {
        String text = "A checklist item no machine check can verify needs a person's sign-off.";
        String help = "No automated check verifies this item, so it stays MANUAL and blocks a GO until someone "
                + "responsible attests it: preflight attest ITEM-ID --by NAME --role ROLE [--note TEXT] [--expires 90d]. "
                + "The attestation is kept in preflight-attestations.yaml beside the checklist and goes stale when the "
                + "item's text changes or it expires.";
        ObjectNode rule = NODES.objectNode().put("id", MANUAL_RULE).put("name", "Manual item needs an attestation");
        rule.set("shortDescription", message("Manual item needs an attestation"));
        rule.set("fullDescription", message(text));
        rule.set("help", NODES.objectNode().put("text", help)
                .put("markdown", help.replace("preflight attest ITEM-ID --by NAME --role ROLE [--note TEXT] [--expires 90d]",
                        "`preflight attest ITEM-ID --by NAME --role ROLE [--note TEXT] [--expires 90d]`")));
        rule.set("defaultConfiguration", NODES.objectNode().put("level", "note"));
        rule.set("properties", NODES.objectNode().set("tags", NODES.arrayNode().add("preflight").add("manual")));
        return rule;
    }

    private static ObjectNode checkResult(Report report, ItemReport item, CheckReport check, String level, int ruleIndex) {
        ObjectNode result = NODES.objectNode().put("ruleId", check.id()).put("ruleIndex", ruleIndex).put("level", level);
        StringBuilder text = new StringBuilder(check.summary());
        text.append(" (").append(check.status()).append(" for checklist item on line ").append(item.line()).append(": ")
                .append(item.text()).append(')');
        for (Evidence e : check.evidence()) {
            text.append("\n").append(e.describe());
        }
        if (check.remediation() != null) {
            text.append("\nFix: ").append(check.remediation());
        }
        result.set("message", message(plain(text.toString())));

        Optional<Evidence.FileLine> inRepo = check.evidence().stream()
                .filter(e -> e instanceof Evidence.FileLine f && f.line() > 0)
                .map(Evidence.FileLine.class::cast)
                .findFirst();
        ArrayNode related = NODES.arrayNode();
        if (inRepo.isPresent()) {
            result.set("locations", NODES.arrayNode().add(location(uri(inRepo.get().path()), inRepo.get().line(), null)));
            related.add(location(uri(report.checklist().path()), item.line(), plain("checklist item: " + item.text())));
        } else {
            result.set("locations", NODES.arrayNode().add(location(uri(report.checklist().path()), item.line(), null)));
        }
        for (Evidence e : check.evidence()) {
            if (e instanceof Evidence.FileLine f && (inRepo.isEmpty() || f != inRepo.get())) {
                related.add(location(uri(f.path()), f.line(), plain(f.describe())));
            }
        }
        for (int i = 0; i < related.size(); i++) {
            ((ObjectNode) related.get(i)).put("id", i + 1);
        }
        if (!related.isEmpty()) {
            result.set("relatedLocations", related);
        }
        result.set("partialFingerprints", NODES.objectNode().put(FINGERPRINT, fingerprint(check.id(), item.id())));
        if (item.status() == Status.WAIVED && item.waiver() != null) {
            result.set("suppressions", NODES.arrayNode().add(NODES.objectNode()
                    .put("kind", "external")
                    .put("status", "accepted")
                    .put("justification", "waived by " + item.waiver().approver() + ": " + item.waiver().reason()
                            + (item.waiver().expires() == null ? "" : " (until " + item.waiver().expires() + ")"))));
        }
        result.set("properties", itemProperties(item));
        return result;
    }

    private static ObjectNode manualResult(Report report, ItemReport item, int ruleIndex) {
        ObjectNode result = NODES.objectNode().put("ruleId", MANUAL_RULE).put("ruleIndex", ruleIndex).put("level", "note");
        String why = item.reason() == null ? "no machine check verifies it" : item.reason();
        result.set("message", message(plain("Manual item needs an attestation: " + item.text() + " (" + why + ")\n"
                + "Sign it off with: preflight attest " + item.id() + " --by NAME --role ROLE")));
        result.set("locations", NODES.arrayNode().add(location(uri(report.checklist().path()), item.line(), null)));
        result.set("partialFingerprints", NODES.objectNode().put(FINGERPRINT, fingerprint(MANUAL_RULE, item.id())));
        result.set("properties", itemProperties(item));
        return result;
    }

    private static ObjectNode itemProperties(ItemReport item) {
        ObjectNode properties = NODES.objectNode()
                .put("itemId", item.id())
                .put("itemStatus", item.status().name())
                .put("claimed", item.claimed())
                .put("falseClaim", item.falseClaim())
                .put("blocking", item.blocking());
        ArrayNode section = properties.putArray("section");
        item.section().forEach(section::add);
        return properties;
    }

    private static ObjectNode location(ArtifactUri uri, int line, String message) {
        ObjectNode artifact = NODES.objectNode().put("uri", uri.uri());
        if (uri.relative()) {
            artifact.put("uriBaseId", SRCROOT);
        }
        ObjectNode physical = NODES.objectNode();
        physical.set("artifactLocation", artifact);
        if (line > 0) {
            physical.set("region", NODES.objectNode().put("startLine", line));
        }
        ObjectNode location = NODES.objectNode();
        location.set("physicalLocation", physical);
        if (message != null) {
            location.set("message", message(message));
        }
        return location;
    }

    private static ObjectNode message(String text) {
        return NODES.objectNode().put("text", text);
    }

    /**
     * Checklist and evidence text for a plain-text message: SARIF reads {@code [text](target)} as an
     * embedded link, so literal brackets and backslashes are escaped as the specification asks.
     */
    static String plain(String text) {
        return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    record ArtifactUri(String uri, boolean relative) {
    }

    /**
     * A relative path becomes a percent-encoded relative URI with forward slashes (what code scanning
     * resolves against the repository root); an absolute one a {@code file:} URI.
     */
    static ArtifactUri uri(String path) {
        String slashed = path.replace('\\', '/');
        try {
            if (Path.of(path).isAbsolute()) {
                return new ArtifactUri(Path.of(path).toUri().toASCIIString(), false);
            }
        } catch (InvalidPathException e) {
            // Not a path this platform can name; it is still a relative reference below.
        }
        while (slashed.startsWith("./")) {
            slashed = slashed.substring(2);
        }
        try {
            return new ArtifactUri(new URI(null, null, slashed, null).toASCIIString(), true);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a usable path: " + path, e);
        }
    }

    static String fingerprint(String ruleId, String itemId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((ruleId + "\u0000" + itemId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /** The checklist's file name as a code-scanning category: letters, digits, '.', '_' and '-'. */
    private static String category(String checklistPath) {
        String name = checklistPath.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]+", "-");
        return cleaned.isEmpty() ? "checklist" : cleaned;
    }

    private static String firstParagraph(String markdown) {
        StringBuilder paragraph = new StringBuilder();
        for (String line : markdown.strip().split("\\R")) {
            String l = line.strip();
            if (l.startsWith("#") && paragraph.isEmpty()) {
                continue;
            }
            if (l.isEmpty()) {
                if (!paragraph.isEmpty()) {
                    break;
                }
                continue;
            }
            paragraph.append(paragraph.isEmpty() ? "" : " ").append(l);
        }
        return paragraph.isEmpty() ? markdown.strip() : paragraph.toString();
    }

    private static Optional<String> classpathDoc(String checkId) {
        try (InputStream in = SarifReport.class.getResourceAsStream("/docs/checks/" + checkId + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("docs/checks/" + checkId + ".md could not be read", e);
        }
    }
}
