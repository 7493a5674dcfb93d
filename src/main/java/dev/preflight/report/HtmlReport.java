package dev.preflight.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;
import dev.preflight.report.Report.CheckReport;
import dev.preflight.report.Report.ItemReport;

/**
 * One self-contained HTML page: inline CSS, no script, no external asset, so it can be attached to a
 * CI run or mailed. A single column that wraps long words reads on a phone as on a desktop. Every
 * piece of text from the checklist or the evidence is escaped. A load run's latency is drawn as inline
 * SVG ({@link LatencyChart}).
 */
public final class HtmlReport implements ReportWriter {

    private static final String CSS = """
            :root{--bg:#f6f7f9;--card:#fff;--ink:#1b1f24;--muted:#5b6470;--line:#e2e5ea;
              --pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--error:#8250df;--skip:#6e7781;--manual:#0969da;--waived:#bc4c00}
            @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--ink:#e6edf3;--muted:#9da7b3;--line:#30363d;
              --pass:#3fb950;--fail:#f85149;--warn:#d29922;--error:#a371f7;--skip:#8b949e;--manual:#58a6ff;--waived:#f0883e}}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
              overflow-wrap:anywhere}
            main{max-width:920px;margin:0 auto;padding:16px}
            h1,h2,h3{line-height:1.25;margin:0}
            .banner{border-radius:12px;padding:20px;color:#fff;margin-bottom:16px}
            .banner.go{background:var(--pass)}.banner.nogo{background:var(--fail)}.banner.waived{background:var(--waived)}
            .banner .verdict{font-size:2rem;font-weight:800;letter-spacing:.02em}
            .banner .scope{font-weight:600;opacity:.95}
            .banner .file{opacity:.9;font-size:.9rem;margin-top:6px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px;margin-bottom:16px}
            .coverage{font-size:1.05rem;margin:0 0 8px}
            .reasons{margin:8px 0 0;padding-left:20px;color:var(--muted)}
            .counts{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0 0;padding:0;list-style:none}
            .counts li{border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:.9rem}
            .counts b{font-variant-numeric:tabular-nums;color:var(--c)}
            .counts .zero{opacity:.45}
            h2{font-size:1.1rem;margin:24px 0 8px}
            h2.claims{color:var(--fail)}
            .items{list-style:none;margin:0;padding:0}
            .item{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--c);border-radius:10px;
              padding:10px 12px;margin-bottom:8px}
            .item.child{margin-left:16px}
            .head{display:flex;gap:10px;align-items:flex-start}
            .badge{flex:none;display:inline-block;min-width:5.2em;text-align:center;border-radius:6px;padding:1px 6px;
              font:700 .75rem/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#fff;background:var(--c)}
            .text{flex:1;font-weight:600}
            .line{color:var(--muted);font-size:.85rem;font-weight:400;white-space:nowrap;margin-left:4px}
            .tag{display:inline-block;font-size:.75rem;font-weight:700;color:var(--fail);border:1px solid var(--fail);
              border-radius:6px;padding:0 5px;margin-left:6px;vertical-align:1px}
            .detail{margin:6px 0 0;padding:0;list-style:none;font-size:.9rem;color:var(--muted)}
            .detail li{margin-top:4px}
            .check b{color:var(--ink)}
            .evidence{display:block;font:.82rem/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
              background:var(--bg);border-radius:6px;padding:4px 8px;margin-top:3px;white-space:pre-wrap}
            .fix{color:var(--ink)}
            .latency{margin:8px 0 0;color:var(--ink)}
            .latency figcaption{font-weight:600}
            .chart{display:block;width:100%;height:auto;margin-top:6px;background:var(--bg);border-radius:6px;break-inside:avoid}
            .chart text{fill:var(--muted);font:12px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            .chart .grid{stroke:var(--line)}.chart .axis{stroke:var(--muted)}
            .chart .series{fill:none;stroke:var(--s);stroke-width:2;stroke-linejoin:round}.chart .series circle{fill:var(--s);stroke:none}
            .chart .p50,.chart .curve{--s:var(--manual)}.chart .p95{--s:var(--warn);stroke-dasharray:6 3}
            .chart .p99{--s:var(--waived);stroke-dasharray:2 2}.chart .max{--s:var(--error);stroke-width:1.25}
            .chart .errors{fill:var(--fail)}
            .nochart{margin:6px 0 0;color:var(--muted)}
            .figures summary{cursor:pointer;color:var(--muted);margin-top:4px}
            .scroll{overflow-x:auto}
            .figures table{border-collapse:collapse;margin:6px 12px 0 0;display:inline-table;vertical-align:top;
              font:.8rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-variant-numeric:tabular-nums}
            .figures caption{text-align:left;font-weight:600}
            .figures th,.figures td{padding:1px 8px;text-align:right;border-bottom:1px solid var(--line)}
            .s-PASS{--c:var(--pass)}.s-FAIL{--c:var(--fail)}.s-WARN{--c:var(--warn)}.s-ERROR{--c:var(--error)}
            .s-SKIP{--c:var(--skip)}.s-MANUAL{--c:var(--manual)}.s-ATTESTED{--c:var(--pass)}.s-WAIVED{--c:var(--waived)}
            footer{color:var(--muted);font-size:.8rem;margin:24px 0 8px;text-align:center}
            @media (max-width:520px){main{padding:10px}.banner{padding:16px}.banner .verdict{font-size:1.6rem}
              .item.child{margin-left:8px}}
            """;

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>Preflight ").append(verdictText(report)).append(" · ").append(esc(report.checklist().path())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        banner(out, report);
        summary(out, report);

        List<ItemReport> falseClaims = report.falseClaims();
        if (!falseClaims.isEmpty()) {
            out.append("<h2 class=\"claims\">False claims: ticked, but the checks disprove them (").append(falseClaims.size()).append(")</h2>\n");
            out.append("<ul class=\"items\">\n");
            falseClaims.forEach(i -> item(out, i, false));
            out.append("</ul>\n");
        }

        Map<String, List<ItemReport>> bySection = new LinkedHashMap<>();
        for (ItemReport item : report.items()) {
            bySection.computeIfAbsent(String.join(" › ", item.section()), k -> new ArrayList<>()).add(item);
        }
        bySection.forEach((section, items) -> {
            out.append("<h2>").append(esc(section.isEmpty() ? "(no heading)" : section)).append("</h2>\n<ul class=\"items\">\n");
            items.forEach(i -> item(out, i, i.parent() != null));
            out.append("</ul>\n");
        });

        out.append("<footer>").append(esc(report.tool().name())).append(' ').append(esc(report.tool().version()));
        if (report.generatedAt() != null) {
            out.append(" · ").append(esc(report.generatedAt().toString()));
        }
        out.append(" · ").append(report.durationMs()).append(" ms · schema ").append(esc(report.schema())).append("</footer>\n");
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void banner(StringBuilder out, Report report) {
        String kind = switch (report.verdict()) {
            case GO -> "go";
            case NO_GO -> "nogo";
            case GO_WITH_WAIVERS -> "waived";
        };
        out.append("<header class=\"banner ").append(kind).append("\">\n<div class=\"verdict\">").append(verdictText(report)).append("</div>\n");
        if (report.verdict() != Report.Verdict.NO_GO && MarkdownReport.isPartial(report)) {
            out.append("<div class=\"scope\">for what was checked: ")
                    .append(esc(report.coverage().targets().isEmpty() ? "nothing" : String.join(", ", report.coverage().targets())))
                    .append(" — not a full go-live</div>\n");
        }
        out.append("<div class=\"file\">").append(esc(report.checklist().path())).append(" · ")
                .append(report.checklist().items()).append(" items</div>\n</header>\n");
    }

    private static void summary(StringBuilder out, Report report) {
        out.append("<section class=\"card\">\n<p class=\"coverage\">").append(esc(report.coverage().statement())).append("</p>\n");
        if (!report.reasons().isEmpty()) {
            out.append("<ul class=\"reasons\">\n");
            report.reasons().forEach(r -> out.append("<li>").append(esc(r)).append("</li>\n"));
            out.append("</ul>\n");
        }
        if (report.interrupted()) {
            out.append("<p><b>Interrupted:</b> unfinished checks are reported ERROR.</p>\n");
        }
        out.append("<ul class=\"counts\">\n");
        report.counts().forEach((status, n) -> out.append("<li class=\"s-").append(status).append(n == 0 ? " zero" : "")
                .append("\"><b>").append(n).append("</b> ").append(status).append("</li>\n"));
        out.append("</ul>\n</section>\n");
    }

    private static void item(StringBuilder out, ItemReport item, boolean child) {
        out.append("<li class=\"item s-").append(item.status()).append(child ? " child" : "").append("\" id=\"")
                .append(esc(item.id())).append("\">\n<div class=\"head\"><span class=\"badge\">").append(item.status())
                .append("</span><span class=\"text\">").append(esc(item.text()));
        out.append(" <span class=\"line\">line ").append(item.line()).append("</span>");
        if (item.falseClaim()) {
            out.append("<span class=\"tag\">false claim</span>");
        }
        out.append("</span></div>\n");

        List<String> details = new ArrayList<>();
        for (CheckReport check : item.checks()) {
            StringBuilder d = new StringBuilder("<li class=\"check\"><b>").append(esc(check.id())).append("</b> ")
                    .append(check.status()).append(": ").append(esc(check.summary()));
            for (Evidence e : check.evidence()) {
                if (e instanceof Evidence.LatencyProfile profile) {
                    LatencyChart.figure(d, profile);
                } else {
                    d.append("<code class=\"evidence\">").append(esc(e.describe())).append("</code>");
                }
            }
            if (check.remediation() != null && check.status() != Status.PASS) {
                d.append("<div class=\"fix\">Fix: ").append(esc(check.remediation())).append("</div>");
            }
            details.add(d.append("</li>").toString());
        }
        if (item.checks().isEmpty() && item.reason() != null && item.status() != Status.ATTESTED) {
            details.add("<li>" + esc(item.reason()) + "</li>");
        }
        if (item.attestation() != null) {
            Report.AttestationInfo a = item.attestation();
            details.add("<li>Attested by " + esc(a.by()) + " (" + esc(a.role()) + ")"
                    + (a.at() == null ? "" : " on " + esc(a.at().toString()))
                    + (a.expires() == null ? "" : ", expires " + esc(a.expires().toString()))
                    + (a.state() == null ? "" : " · " + esc(a.state()))
                    + (a.note() == null ? "" : ": " + esc(a.note())) + "</li>");
        }
        if (item.waiver() != null) {
            Report.WaiverInfo w = item.waiver();
            details.add("<li>Waiver by " + esc(w.approver()) + ": " + esc(w.reason())
                    + (w.expires() == null ? "" : " (until " + esc(w.expires().toString()) + ")")
                    + (w.active() ? "" : " · expired") + "</li>");
        }
        if (!details.isEmpty()) {
            out.append("<ul class=\"detail\">").append(String.join("", details)).append("</ul>\n");
        }
        out.append("</li>\n");
    }

    private static String verdictText(Report report) {
        return report.verdict().name().replace('_', ' ').replace("NO GO", "NO-GO");
    }

    /** Escapes text for HTML element content and double-quoted attributes; drops control characters. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c != '\n' && c != '\t' && Character.isISOControl(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
