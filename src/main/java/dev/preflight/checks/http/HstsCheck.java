package dev.preflight.checks.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;

/**
 * The https answer carries Strict-Transport-Security with a max-age of at least a year;
 * includeSubDomains and preload are reported. Browsers honour the header only over https, so a
 * deployment given by its http address alone is not judged.
 */
@CheckInfo(id = "http.hsts", title = "HSTS is sent with a max-age of at least a year", target = TargetKind.URL,
        phrases = {"\\bHSTS\\b", "strict-transport-security"},
        related = {"observatory:strict-transport-security", "testssl:HSTS"})
public final class HstsCheck implements Check {
    static final long ONE_YEAR = 31_536_000;
    private static final String FIX = "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https answer "
            + "(nginx: add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;).";

    /** The header's directives as RFC 6797 section 6.1 reads them. */
    record Policy(OptionalLong maxAge, boolean includeSubDomains, boolean preload, String problem) {

        static Policy parse(String value) {
            OptionalLong maxAge = OptionalLong.empty();
            boolean sub = false;
            boolean preload = false;
            for (String part : value.split(";")) {
                String directive = part.strip().toLowerCase(Locale.ROOT);
                if (directive.startsWith("max-age")) {
                    String number = directive.replaceFirst("^max-age\\s*=\\s*", "").replace("\"", "").strip();
                    if (!number.matches("\\d{1,18}")) {
                        return new Policy(OptionalLong.empty(), false, false, "max-age '" + number + "' is not a number");
                    }
                    if (maxAge.isPresent()) {
                        return new Policy(OptionalLong.empty(), false, false, "max-age given twice");
                    }
                    maxAge = OptionalLong.of(Long.parseLong(number));
                } else if (directive.equals("includesubdomains")) {
                    sub = true;
                } else if (directive.equals("preload")) {
                    preload = true;
                }
            }
            return new Policy(maxAge, sub, preload, maxAge.isEmpty() ? "no max-age" : null);
        }
    }

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        Optional<URI> https = http.urls().stream().filter(u -> "https".equalsIgnoreCase(u.getScheme())).findFirst();
        if (https.isEmpty()) {
            return Outcome.unverified("HSTS only means something over https, and only http addresses were given; "
                    + "give the deployment's https address with --url https://" + http.base().getHost() + "/");
        }
        HttpObservation answer = https.get().equals(http.base()) ? http.get("/") : http.get(https.get().resolve("/").toString());
        if (!answer.answered()) {
            return Outcome.error("the https address could not be reached: " + answer.failure(), answer.evidence());
        }
        List<String> values = answer.headers("strict-transport-security");
        if (values.isEmpty()) {
            return Outcome.fail("no Strict-Transport-Security header on " + answer.url(), FIX, answer.evidence());
        }
        List<Evidence> evidence = new ArrayList<>(List.of(answer.evidence(), new Evidence.Note("Strict-Transport-Security: "
                                                                                               + String.join(", ", values))));
        if (values.size() > 1 || values.getFirst().contains(",")) {
            return Outcome.fail("Strict-Transport-Security is sent more than once: browsers use only the first, and the policy is ambiguous",
                    FIX, evidence);
        }
        Policy policy = Policy.parse(values.getFirst());
        if (policy.problem() != null) {
            return Outcome.fail("Strict-Transport-Security is invalid (" + policy.problem() + "): browsers ignore it", FIX, evidence);
        }
        long maxAge = policy.maxAge().getAsLong();
        evidence.add(new Evidence.Measurement("max-age", maxAge / 86_400.0, "days"));
        String flags = "includeSubDomains " + (policy.includeSubDomains() ? "yes" : "no") + ", preload " + (policy.preload() ? "yes" : "no");
        if (maxAge == 0) {
            return Outcome.fail("max-age=0 tells browsers to forget HSTS for this host", FIX, evidence);
        }
        if (maxAge < ONE_YEAR) {
            return Outcome.fail("max-age=" + maxAge + " (" + maxAge / 86_400 + " days) is under a year (" + flags + ")", FIX, evidence);
        }
        String summary = "max-age=" + maxAge + " (" + maxAge / 86_400 + " days), " + flags;
        if (policy.preload() && !policy.includeSubDomains()) {
            return Outcome.warn(summary + ": the preload list requires includeSubDomains as well",
                    "Add includeSubDomains, or drop preload if the host is not meant for the browsers' preload list.", evidence);
        }
        return Outcome.pass(summary, evidence);
    }
}
