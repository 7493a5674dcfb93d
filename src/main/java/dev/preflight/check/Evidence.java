package dev.preflight.check;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.preflight.load.LatencyInterval;
import dev.preflight.load.LatencyPoint;
import dev.preflight.load.LoadResult;

/** What a check observed, in a form every report can show and a reader can re-check. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Evidence.FileLine.class, name = "file"),
        @JsonSubTypes.Type(value = Evidence.Http.class, name = "http"),
        @JsonSubTypes.Type(value = Evidence.Measurement.class, name = "measurement"),
        @JsonSubTypes.Type(value = Evidence.LatencyProfile.class, name = "latency"),
        @JsonSubTypes.Type(value = Evidence.Note.class, name = "note")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Evidence {

    /** One line, for the text report and SARIF messages. */
    String describe();

    /** A place in the repository; {@code line} 0 means the whole file. Excerpts are masked by the check. */
    record FileLine(String path, int line, String excerpt) implements Evidence {
        public String describe() {
            String where = line > 0 ? path + ":" + line : path;
            return excerpt == null || excerpt.isBlank() ? where : where + ": " + excerpt.strip();
        }
    }

    /** A request and what came back; header values that carry credentials are masked before they get here. */
    record Http(String request, String response, Long durationMs) implements Evidence {
        public String describe() {
            return request + " -> " + response + (durationMs == null ? "" : " (" + durationMs + " ms)");
        }
    }

    record Measurement(String name, double value, String unit) implements Evidence {
        public String describe() {
            String number = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
            return name + " = " + number + (unit == null || unit.isEmpty() ? "" : " " + unit);
        }
    }

    record Note(String text) implements Evidence {
        public String describe() {
            return text;
        }
    }

    /**
     * A load run's latency in a form a chart can draw: the percentile curve of the whole run
     * ({@code percentiles}, ascending) and latency over time ({@code timeline}, one entry per interval
     * of the run). Times are in milliseconds.
     */
    record LatencyProfile(String target, List<LatencyPoint> percentiles, List<LatencyInterval> timeline) implements Evidence {
        public LatencyProfile {
            percentiles = List.copyOf(percentiles);
            timeline = List.copyOf(timeline);
        }

        /** The run's latency as a report can chart it. */
        public static LatencyProfile of(LoadResult run) {
            return new LatencyProfile(run.spec().target().toString(), run.curve(), run.timeline());
        }

        public String describe() {
            String median = percentiles.stream().filter(p -> p.percentile() >= 50).findFirst()
                    .map(p -> String.format(java.util.Locale.ROOT, ", median %.2f ms", p.millis())).orElse("");
            return "latency profile of " + target + ": " + percentiles.size() + " points on the percentile curve, "
                   + timeline.size() + " intervals over time" + median;
        }
    }
}
