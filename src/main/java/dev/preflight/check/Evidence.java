package dev.preflight.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a check observed, in a form every report can show and a reader can re-check. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Evidence.FileLine.class, name = "file"),
        @JsonSubTypes.Type(value = Evidence.Http.class, name = "http"),
        @JsonSubTypes.Type(value = Evidence.Measurement.class, name = "measurement"),
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
}
