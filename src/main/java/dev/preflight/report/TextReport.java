package dev.preflight.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report.ItemReport;

/**
 * The terminal report: the verdict and how much was verified, false claims first, then every item
 * grouped by section with one line of evidence, and under an item whose checks ran load, its latency
 * percentiles and a sparkline of p95 over time. Colour only when asked (a terminal without NO_COLOR).
 */
public final class TextReport implements ReportWriter {
    private final boolean colour;

    public TextReport(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(bold("Preflight")).append(" · ").append(report.checklist().path())
                .append(" · ").append(report.checklist().items()).append(" items\n\n");

        List<ItemReport> falseClaims = report.falseClaims();
        if (!falseClaims.isEmpty()) {
            out.append(paint(Status.FAIL, "False claims")).append(" (ticked, but the checks disprove them)\n");
            for (ItemReport item : falseClaims) {
                out.append("  ").append(paint(Status.FAIL, "✗")).append(" line ").append(item.line()).append(": ")
                        .append(item.text()).append('\n');
                out.append("      ").append(firstEvidence(item)).append('\n');
            }
            out.append('\n');
        }

        Map<String, List<ItemReport>> bySection = new LinkedHashMap<>();
        for (ItemReport item : report.items()) {
            bySection.computeIfAbsent(String.join(" › ", item.section()), k -> new ArrayList<>()).add(item);
        }
        bySection.forEach((section, items) -> {
            out.append(bold(section.isEmpty() ? "(no heading)" : section)).append('\n');
            for (ItemReport item : items) {
                String indent = item.parent() == null ? "  " : "    ";
                out.append(indent).append(paint(item.status(), String.format("%-8s", item.status())))
                        .append(' ').append(item.text())
                        .append(dim("  :" + item.line())).append('\n');
                for (String detail : details(item)) {
                    out.append(indent).append("         ").append(dim(detail)).append('\n');
                }
                for (Evidence.LatencyProfile profile : latencyProfiles(item)) {
                    out.append(indent).append("         ").append(dim("latency of " + profile.target() + ": "
                            + LatencyFigures.percentileLine(profile))).append('\n');
                    out.append(indent).append("         ").append(dim(LatencyFigures.timelineLine(profile))).append('\n');
                }
            }
            out.append('\n');
        });

        out.append(countsLine(report)).append('\n');
        out.append(report.coverage().statement()).append('\n');
        for (String reason : report.reasons()) {
            out.append("  - ").append(reason).append('\n');
        }
        for (String warning : report.warnings()) {
            out.append(paint(Status.WARN, "warning: ")).append(warning).append('\n');
        }
        if (report.interrupted()) {
            out.append(paint(Status.ERROR, "Interrupted: unfinished checks are reported ERROR.")).append('\n');
        }
        out.append(bold("Verdict: ")).append(verdictText(report)).append('\n');
        return out.toString();
    }

    private String verdictText(Report report) {
        return switch (report.verdict()) {
            case GO -> paint(Status.PASS, "GO") + (report.coverage().unverified() == 0 && report.coverage().targets().size() > 1
                    ? "" : " (for what was checked: " + String.join(", ", report.coverage().targets()) + ")");
            case GO_WITH_WAIVERS -> paint(Status.WARN, "GO WITH WAIVERS");
            case NO_GO -> paint(Status.FAIL, "NO-GO");
        };
    }

    private static String countsLine(Report report) {
        List<String> parts = new ArrayList<>();
        report.counts().forEach((status, n) -> {
            if (n > 0) {
                parts.add(n + " " + status);
            }
        });
        return String.join(" · ", parts);
    }

    static String firstEvidence(ItemReport item) {
        if (item.checks().isEmpty()) {
            return item.reason() == null ? "" : item.reason();
        }
        var check = item.checks().stream().filter(c -> c.status() == item.status()).findFirst().orElse(item.checks().getFirst());
        String line = check.id() + ": " + check.summary();
        // An item signed off because its check had nothing to judge reads as signed off, not as that check.
        return item.status() == Status.ATTESTED && item.reason() != null ? item.reason() + " (" + line + ")" : line;
    }

    /**
     * The lines under an item: one per check that failed, erred or warned as the item did (an item
     * that two checks fail, a firewall absent and a port open, shows both), else its first evidence.
     */
    static List<String> details(ItemReport item) {
        if (item.status() == Status.FAIL || item.status() == Status.ERROR || item.status() == Status.WARN) {
            List<String> deciding = item.checks().stream().filter(c -> c.status() == item.status()).map(c -> c.id() + ": " + c.summary()).toList();
            if (deciding.size() > 1) {
                return deciding;
            }
        }
        String first = firstEvidence(item);
        return first.isEmpty() ? List.of() : List.of(first);
    }

    /** The load runs an item's checks recorded, in the order of its checks. */
    static List<Evidence.LatencyProfile> latencyProfiles(ItemReport item) {
        List<Evidence.LatencyProfile> out = new ArrayList<>();
        item.checks().forEach(c -> c.evidence().forEach(e -> {
            if (e instanceof Evidence.LatencyProfile profile) {
                out.add(profile);
            }
        }));
        return out;
    }

    private String paint(Status status, String s) {
        if (!colour) {
            return s;
        }
        String code = switch (status) {
            case PASS, ATTESTED -> "32";
            case FAIL, ERROR -> "31";
            case WARN, WAIVED -> "33";
            case MANUAL -> "36";
            case SKIP -> "90";
        };
        return "\u001b[" + code + "m" + s + "\u001b[0m";
    }

    private String bold(String s) {
        return colour ? "\u001b[1m" + s + "\u001b[0m" : s;
    }

    private String dim(String s) {
        return colour ? "\u001b[2m" + s + "\u001b[0m" : s;
    }
}
