package dev.preflight.report;

import static dev.preflight.report.HtmlReport.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.preflight.check.Evidence.LatencyProfile;
import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LatencyPoint;

/**
 * A load run's latency drawn for the HTML report as inline SVG, so the page stays one file that prints:
 * latency over time (p50, p95, p99 and max per interval, errors as bars beneath) and the percentile
 * curve on the "number of nines" axis HdrHistogram's plots use. Colours come from the page's CSS
 * variables, so the charts follow its light and dark schemes; each series also has its own dash
 * pattern, so a grey print still tells them apart. Each chart carries a text summary for screen
 * readers, and the figures follow in tables.
 */
final class LatencyChart {
    private static final int WIDTH = 560;
    private static final int LEFT = 52;
    private static final int RIGHT = WIDTH - 16;
    private static final int TOP = 30;
    /** Beyond six nines (99.9999%) a load run of Preflight's bounds has no samples; keeps the axis finite. */
    private static final double MOST_NINES = 6;

    private record Series(String name, ToDoubleFunction<LatencyInterval> value) {
    }

    private static final List<Series> SERIES = List.of(new Series("p50", LatencyInterval::p50), new Series("p95", LatencyInterval::p95),
            new Series("p99", LatencyInterval::p99), new Series("max", LatencyInterval::max));

    private LatencyChart() {
    }

    /** The figure for one profile: both charts, then the figures in a folded table. */
    static void figure(StringBuilder out, LatencyProfile profile) {
        out.append("<figure class=\"latency\">\n<figcaption>Latency under load: ").append(esc(profile.target())).append("</figcaption>\n");
        overTime(out, profile);
        curve(out, profile);
        tables(out, profile);
        out.append("</figure>");
    }

    private static void overTime(StringBuilder out, LatencyProfile profile) {
        List<LatencyInterval> timeline = profile.timeline();
        if (timeline.isEmpty()) {
            out.append("<p class=\"nochart\">Latency over time: no intervals recorded.</p>\n");
            return;
        }
        int plotBottom = 186;
        int barsTop = 198;
        int barsBottom = 224;
        double start = timeline.stream().mapToDouble(LatencyInterval::startSeconds).min().orElseThrow();
        double end = timeline.stream().mapToDouble(i -> i.startSeconds() + i.seconds()).max().orElseThrow();
        Scale x = new Scale(start, end > start ? end : start + 1, LEFT, RIGHT);
        List<LatencyInterval> answered = LatencyFigures.answered(timeline);
        Ticks ms = Ticks.upTo(answered.stream().mapToDouble(i -> Math.max(Math.max(i.p50(), i.p95()), Math.max(i.p99(), i.max())))
                .max().orElse(0), 5);
        Scale y = new Scale(0, ms.top(), plotBottom, TOP);

        String summary = "Latency over time for " + profile.target() + ": " + timeline.size()
                         + (timeline.size() == 1 ? " interval" : " intervals") + " over " + LatencyFigures.number(end - start) + " s"
                         + (answered.isEmpty() ? "" : "; p95 from " + LatencyFigures.p95Range(timeline))
                         + "; " + LatencyFigures.errors(timeline) + ".";
        long mostErrors = timeline.stream().mapToLong(LatencyInterval::errors).max().orElse(0);
        open(out, "over-time", 270, summary);
        legend(out, mostErrors);
        yAxis(out, ms, y);
        line(out, "axis", LEFT, plotBottom, RIGHT, plotBottom);
        text(out, LEFT - 6, barsBottom, "end", "errors");
        for (double t : Ticks.upTo(x.to() - x.from(), 8).within(x.from(), x.to())) {
            xTick(out, x.at(t), barsBottom, LatencyFigures.number(t));
        }
        line(out, "axis", LEFT, barsBottom, RIGHT, barsBottom);
        text(out, (LEFT + RIGHT) / 2.0, 262, "middle", "seconds since the run started");

        for (Series series : SERIES) {
            out.append("<g class=\"series ").append(series.name()).append("\">");
            for (List<LatencyInterval> run : answeredRuns(timeline)) {
                List<String> points = new ArrayList<>();
                for (LatencyInterval i : run) {
                    double at = x.at(i.startSeconds() + i.seconds() / 2);
                    double value = y.at(series.value().applyAsDouble(i));
                    points.add(num(at) + "," + num(value));
                    if (run.size() == 1) {
                        out.append("<circle r=\"2.5\" cx=\"").append(num(at)).append("\" cy=\"").append(num(value)).append("\"/>");
                    }
                }
                if (points.size() > 1) {
                    out.append("<polyline points=\"").append(String.join(" ", points)).append("\"/>");
                }
            }
            out.append("</g>\n");
        }

        for (LatencyInterval i : timeline) {
            if (i.errors() > 0) {
                double height = Math.max(1, (double) i.errors() / mostErrors * (barsBottom - barsTop));
                double left = x.at(i.startSeconds());
                double width = Math.max(1, x.at(i.startSeconds() + i.seconds()) - left - 1);
                out.append("<rect class=\"errors\" x=\"").append(num(left)).append("\" y=\"").append(num(barsBottom - height))
                        .append("\" width=\"").append(num(width)).append("\" height=\"").append(num(height)).append("\"><title>")
                        .append(LatencyFigures.number(i.startSeconds())).append(" s: ").append(i.errors()).append(" of ")
                        .append(i.requests()).append(" requests failed</title></rect>\n");
            }
        }
        out.append("</svg>\n");
    }

    private static void curve(StringBuilder out, LatencyProfile profile) {
        List<LatencyPoint> points = profile.percentiles().stream().filter(p -> Double.isFinite(p.millis()) && !Double.isNaN(p.percentile())).toList();
        if (points.isEmpty()) {
            out.append("<p class=\"nochart\">Percentile curve: no latency recorded.</p>\n");
            return;
        }
        int plotBottom = 196;
        boolean hasMax = points.getLast().percentile() >= 100;
        double finiteNines = points.stream().filter(p -> p.percentile() < 100).mapToDouble(p -> nines(p.percentile())).max().orElse(0);
        int axisNines = hasMax ? (int) Math.floor(finiteNines) + 1 : Math.max(1, (int) Math.ceil(finiteNines));
        Scale x = new Scale(0, axisNines, LEFT, RIGHT);
        Ticks ms = Ticks.upTo(points.stream().mapToDouble(LatencyPoint::millis).max().orElseThrow(), 5);
        Scale y = new Scale(0, ms.top(), plotBottom, TOP);

        open(out, "curve", 240, "Percentile curve for " + profile.target() + ": " + LatencyFigures.percentileLine(profile) + ".");
        yAxis(out, ms, y);
        for (int n = 0; n <= axisNines; n++) {
            xTick(out, x.at(n), plotBottom, hasMax && n == axisNines ? "max" : LatencyFigures.number(100 - Math.pow(10, 2 - n)) + "%");
            if (n > 0) {
                line(out, "grid", x.at(n), TOP, x.at(n), plotBottom);
            }
        }
        line(out, "axis", LEFT, plotBottom, RIGHT, plotBottom);
        text(out, (LEFT + RIGHT) / 2.0, 232, "middle", "percentile (each step one more nine)");

        List<String> xy = new ArrayList<>();
        StringBuilder dots = new StringBuilder();
        for (LatencyPoint p : points) {
            double at = x.at(p.percentile() >= 100 ? axisNines : nines(p.percentile()));
            xy.add(num(at) + "," + num(y.at(p.millis())));
            dots.append("<circle r=\"2.5\" cx=\"").append(num(at)).append("\" cy=\"").append(num(y.at(p.millis()))).append("\"><title>")
                    .append(LatencyFigures.label(p.percentile())).append(' ').append(LatencyFigures.millis(p.millis())).append("</title></circle>");
        }
        out.append("<g class=\"series curve\">");
        if (xy.size() > 1) {
            out.append("<polyline points=\"").append(String.join(" ", xy)).append("\"/>");
        }
        out.append(dots).append("</g>\n");
        out.append("</svg>\n");
    }

    private static void tables(StringBuilder out, LatencyProfile profile) {
        out.append("<details class=\"figures\"><summary>Figures</summary>\n<div class=\"scroll\">");
        if (!profile.percentiles().isEmpty()) {
            out.append("<table><caption>Percentile curve</caption><thead><tr><th scope=\"col\">percentile</th><th scope=\"col\">ms</th></tr></thead><tbody>");
            for (LatencyPoint p : profile.percentiles()) {
                out.append("<tr><th scope=\"row\">").append(LatencyFigures.label(p.percentile())).append("</th><td>")
                        .append(LatencyFigures.ms(p.millis())).append("</td></tr>");
            }
            out.append("</tbody></table>\n");
        }
        if (!profile.timeline().isEmpty()) {
            out.append("<table><caption>Latency over time (ms)</caption><thead><tr><th scope=\"col\">from (s)</th>"
                       + "<th scope=\"col\">seconds</th><th scope=\"col\">requests</th><th scope=\"col\">errors</th>");
            SERIES.forEach(s -> out.append("<th scope=\"col\">").append(s.name()).append("</th>"));
            out.append("</tr></thead><tbody>");
            for (LatencyInterval i : profile.timeline()) {
                out.append("<tr><th scope=\"row\">").append(LatencyFigures.number(i.startSeconds())).append("</th><td>")
                        .append(LatencyFigures.number(i.seconds())).append("</td><td>").append(i.requests()).append("</td><td>")
                        .append(i.errors()).append("</td>");
                SERIES.forEach(s -> out.append("<td>").append(LatencyFigures.answered(i) ? LatencyFigures.ms(s.value().applyAsDouble(i)) : "–")
                        .append("</td>"));
                out.append("</tr>");
            }
            out.append("</tbody></table>\n");
        }
        out.append("</div></details>\n");
    }

    /**
     * -log10(1 - p/100): 90% is one nine, 99% two; clamped so that nothing runs off the axis, and rounded
     * so that 99.99% is four nines, not 3.9999999.
     */
    private static double nines(double percentile) {
        double nines = Math.rint(-Math.log10(1 - percentile / 100) * 1e9) / 1e9;
        return Math.clamp(nines, 0, MOST_NINES);
    }

    /** Consecutive intervals with figures: an interval that answered nothing breaks the lines rather than dipping to zero. */
    private static List<List<LatencyInterval>> answeredRuns(List<LatencyInterval> timeline) {
        List<List<LatencyInterval>> runs = new ArrayList<>();
        List<LatencyInterval> run = new ArrayList<>();
        for (LatencyInterval i : timeline) {
            if (LatencyFigures.answered(i)) {
                run.add(i);
            } else if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static void open(StringBuilder out, String kind, int height, String summary) {
        out.append("<svg class=\"chart ").append(kind).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"").append(esc(summary))
                .append("\">\n<title>").append(esc(summary)).append("</title>\n");
    }

    private static void yAxis(StringBuilder out, Ticks ms, Scale y) {
        for (double v : ms.within(0, ms.top())) {
            double at = y.at(v);
            if (v > 0) {
                line(out, "grid", LEFT, at, RIGHT, at);
            }
            line(out, "axis", LEFT - 4, at, LEFT, at);
            text(out, LEFT - 6, at + 4, "end", LatencyFigures.number(v));
        }
        text(out, LEFT - 6, TOP - 12, "end", "ms");
    }

    private static void legend(StringBuilder out, long mostErrors) {
        double at = LEFT + 8;
        for (Series series : SERIES) {
            out.append("<g class=\"series ").append(series.name()).append("\">");
            line(out, null, at, TOP - 16, at + 18, TOP - 16);
            out.append("</g>");
            text(out, at + 22, TOP - 12, "start", series.name());
            at += 64;
        }
        out.append("<rect class=\"errors\" x=\"").append(num(at)).append("\" y=\"").append(TOP - 21).append("\" width=\"8\" height=\"10\"/>");
        text(out, at + 12, TOP - 12, "start", mostErrors == 0 ? "errors (none)" : "errors (up to " + mostErrors + " per interval)");
        out.append('\n');
    }

    /** A tick mark below the axis at {@code x} and its label under it. */
    private static void xTick(StringBuilder out, double x, double axis, String label) {
        line(out, "axis", x, axis, x, axis + 4);
        text(out, x, axis + 16, "middle", label);
    }

    private static void line(StringBuilder out, String cssClass, double x1, double y1, double x2, double y2) {
        out.append("<line").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append(" x1=\"").append(num(x1))
                .append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2)).append("\" y2=\"").append(num(y2)).append("\"/>");
    }

    private static void text(StringBuilder out, double x, double y, String anchor, String text) {
        out.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(esc(text)).append("</text>");
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps {@code from..to} onto {@code start..end} pixels; {@code to} is above {@code from}. */
    private record Scale(double from, double to, double start, double end) {
        double at(double v) {
            return start + (v - from) / (to - from) * (end - start);
        }
    }

    /** Round steps of 1, 2 or 5 times a power of ten, and the first step at or above the largest value. */
    private record Ticks(double step, double top) {
        static Ticks upTo(double largest, int count) {
            double max = largest > 0 && Double.isFinite(largest) ? largest : 1;
            double raw = max / count;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double norm = raw / magnitude;
            double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
            return new Ticks(step, Math.ceil(max / step - 1e-9) * step);
        }

        List<Double> within(double from, double to) {
            List<Double> out = new ArrayList<>();
            for (long n = (long) Math.ceil(from / step - 1e-9); n * step <= to + step * 1e-9; n++) {
                out.add(n * step);
            }
            return out;
        }
    }
}
