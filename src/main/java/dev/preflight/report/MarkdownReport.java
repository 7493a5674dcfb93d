package dev.preflight.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report.ItemReport;

/**
 * A summary fit for a pull-request comment: the verdict, how much was verified, the counts, false
 * claims first, then what fails, errs, warns or went unverified with one line of evidence each; manual
 * items are folded away in a {@code <details>} block. Load runs get a section of their own: percentiles
 * and a sparkline of p95 over time. Every piece of checklist or evidence text is escaped, so an item
 * cannot inject Markdown or HTML into the comment.
 */
public final class MarkdownReport implements ReportWriter {

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(verdictLine(report)).append("\n\n");
        out.append('`').append(code(report.checklist().path())).append("` · ")
                .append(report.checklist().items()).append(" items\n\n");
        out.append("> ").append(escape(report.coverage().statement())).append("\n\n");
        out.append(countsTable(report.counts())).append('\n');
        if (!report.reasons().isEmpty()) {
            out.append("**Why not GO**\n\n");
            report.reasons().forEach(r -> out.append("- ").append(escape(r)).append('\n'));
            out.append('\n');
        }
        if (report.interrupted()) {
            out.append("**Interrupted:** unfinished checks are reported ERROR.\n\n");
        }

        String file = report.checklist().path();
        List<ItemReport> falseClaims = report.falseClaims();
        section(out, "🚩 False claims: ticked, but the checks disprove them", falseClaims, file);
        Predicate<ItemReport> notFalseClaim = i -> !i.falseClaim();
        section(out, "❌ Failing", only(report, Status.FAIL, notFalseClaim), file);
        section(out, "💥 Could not be determined", only(report, Status.ERROR, notFalseClaim), file);
        section(out, "⚠️ Passing with a weakness", only(report, Status.WARN, notFalseClaim), file);
        section(out, "⏭️ Skipped", only(report, Status.SKIP, notFalseClaim), file);
        section(out, "🛂 Waived", only(report, Status.WAIVED, notFalseClaim), file);
        latency(out, report);

        List<ItemReport> manual = only(report, Status.MANUAL, i -> true);
        if (!manual.isEmpty()) {
            out.append("<details>\n<summary>✋ ").append(manual.size()).append(manual.size() == 1 ? " manual item needs" : " manual items need")
                    .append(" a sign-off (<code>preflight attest ITEM-ID --by NAME --role ROLE</code>)</summary>\n\n");
            manual.forEach(i -> out.append(line(i, file)));
            out.append("\n</details>\n\n");
        }
        out.append("<sub>").append(escape(report.tool().name())).append(' ').append(escape(report.tool().version()))
                .append(" · ").append(report.durationMs()).append(" ms</sub>\n");
        return out.toString();
    }

    private static String verdictLine(Report report) {
        return switch (report.verdict()) {
            case GO -> "✅ Preflight: GO" + (isPartial(report)
                    ? " (for what was checked: " + escape(String.join(", ", report.coverage().targets())) + ")" : "");
            case GO_WITH_WAIVERS -> "🛂 Preflight: GO WITH WAIVERS";
            case NO_GO -> "❌ Preflight: NO-GO";
        };
    }

    /** A GO that left items unverified, or saw only some kinds of target, must not read like a full go-live. */
    static boolean isPartial(Report report) {
        return report.coverage().unverified() > 0 || report.coverage().targets().size() < 2;
    }

    private static String countsTable(Map<Status, Integer> counts) {
        StringBuilder head = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        StringBuilder row = new StringBuilder("|");
        counts.forEach((status, n) -> {
            head.append(' ').append(emoji(status)).append(' ').append(status).append(" |");
            rule.append(":-:|");
            row.append(' ').append(n).append(" |");
        });
        return head + "\n" + rule + "\n" + row + "\n";
    }

    private static List<ItemReport> only(Report report, Status status, Predicate<ItemReport> and) {
        return report.items().stream().filter(i -> i.status() == status && and.test(i)).toList();
    }

    private static void section(StringBuilder out, String title, List<ItemReport> items, String file) {
        if (items.isEmpty()) {
            return;
        }
        out.append("### ").append(title).append(" (").append(items.size()).append(")\n\n");
        items.forEach(i -> out.append(line(i, file)));
        out.append('\n');
    }

    /**
     * Every load run of the report, whatever its item's status (a passing latency item is not listed
     * above, but its figures are what the reviewer wants to see): the percentiles, and p95 over time.
     */
    private static void latency(StringBuilder out, Report report) {
        List<String> runs = new ArrayList<>();
        for (ItemReport item : report.items()) {
            for (Report.CheckReport check : item.checks()) {
                for (Evidence e : check.evidence()) {
                    if (e instanceof Evidence.LatencyProfile profile) {
                        runs.add("- " + emoji(check.status()) + " **" + escape(item.text()) + "** — `" + code(check.id()) + "` on "
                                 + escape(profile.target()) + "\n  - " + escape(LatencyFigures.percentileLine(profile))
                                 + "\n  - " + escape(LatencyFigures.timelineLine(profile)) + "\n");
                    }
                }
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        out.append("### 📈 Latency under load (").append(runs.size()).append(")\n\n");
        runs.forEach(out::append);
        out.append('\n');
    }

    private static String line(ItemReport item, String file) {
        List<String> parts = new ArrayList<>();
        parts.add("`" + code(file + ":" + item.line()) + "`");
        String evidence = TextReport.firstEvidence(item);
        if (item.status() == Status.WAIVED && item.reason() != null) {
            evidence = item.reason() + (evidence.isEmpty() ? "" : " (" + evidence + ")");
        }
        if (!evidence.isEmpty()) {
            parts.add(escape(evidence));
        }
        return "- " + emoji(item.status()) + " **" + escape(item.text()) + "** — " + String.join(" · ", parts) + "\n";
    }

    static String emoji(Status status) {
        return switch (status) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case WARN -> "⚠️";
            case ERROR -> "💥";
            case SKIP -> "⏭️";
            case MANUAL -> "✋";
            case ATTESTED -> "✍️";
            case WAIVED -> "🛂";
        };
    }

    /**
     * Text that renders as itself mid-line: HTML's specials become entities and the marks of inline
     * Markdown (emphasis, code, links, strike-through, table cells) are backslash-escaped; line breaks
     * become spaces. Block syntax needs no escaping: this text never starts a line.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r', '\n' -> out.append(' ');
                case '\\', '`', '*', '_', '[', ']', '|', '~' -> out.append('\\').append(c);
                default -> out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }

    /** Text for a code span: backticks and line breaks cannot end it early. */
    private static String code(String text) {
        return text.replace('`', '\'').replace('\r', ' ').replace('\n', ' ');
    }
}
