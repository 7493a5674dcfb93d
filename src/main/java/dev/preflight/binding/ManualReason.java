package dev.preflight.binding;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why an item that no check verifies stays manual, told from its words. The first reason whose words
 * appear wins; {@link #PERSON} is asked before any phrase, the others only once no phrase matched.
 */
enum ManualReason {
    /** Acts only a person performs: the item stays manual whatever else it names ("Purchase domain name"). */
    PERSON("^(optional:\\s*)?(decide|purchase|buy|announce|notify|train|send|wait for|consider|communicate|approve|sign[- ]off|reload|provision)\\b"
            + "|\\b(purchase|collect (initial )?feedback|train (the )?(support )?team)\\b",
            "a person's act, not a state a machine can observe; attest it when it is done"),
    JUDGEMENT("^check\\b|\\b(review(ed)?|audit|baselines?|identify|optimi[sz]e|plan(ning)?|prepare|tune|tuning|feedback|profiling|drill|deploy|smoke tests?|"
            + "monitor|watch|update|upgrade|launch|clean up|remove)\\b",
            "needs a person's judgement or attention over time; attest it when it is done"),
    EXTERNAL("\\b(monitoring|alerting|uptimerobot|pingdom|pagerduty|sentry|grafana|cdn|s3|dropbox|cloud|auto-scaling|load balancer)\\b",
            "lives in a service outside the deployment Preflight sees (monitoring, alerting, CDN, cloud); attest it when it is set up"),
    APPLICATION("^(test|verify|validate)\\b|\\b(features?|code|design|layout|states|handling|storage|session|user-friendly|client-side)\\b",
            "is about the application's own behaviour or code, which no generic check knows; attest it, "
                    + "or bind a check with <!-- preflight: CHECK-ID -->"),
    UNRECOGNIZED(null, "no check recognizes these words; if one applies, bind it with <!-- preflight: CHECK-ID -->");

    private final Pattern words;
    private final String text;

    ManualReason(String words, String text) {
        this.words = words == null ? null : Pattern.compile(words, Pattern.CASE_INSENSITIVE);
        this.text = text;
    }

    String text() {
        return text;
    }

    boolean appliesTo(String itemWords) {
        return words != null && words.matcher(itemWords).find();
    }

    /** The reason for an item no phrase bound. */
    static ManualReason unbound(String itemWords) {
        return Arrays.stream(values()).filter(r -> r != PERSON && r.appliesTo(itemWords)).findFirst().orElse(UNRECOGNIZED);
    }

    static Optional<ManualReason> ofText(String text) {
        return Arrays.stream(values()).filter(r -> r.text.equals(text)).findFirst();
    }
}
