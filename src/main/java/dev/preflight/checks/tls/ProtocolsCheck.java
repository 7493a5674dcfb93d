package dev.preflight.checks.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.tls.HelloAnswer;
import dev.preflight.collect.tls.TlsFacts;
import dev.preflight.collect.tls.TlsProbe;

/**
 * The protocol versions and cipher suites the deployment accepts: SSLv3, TLS 1.0 and 1.1 refused
 * (or every version under the item's floor, "TLS 1.3+"), TLS 1.2 or 1.3 offered, and no weak suite
 * chosen when a client offers nothing else. An unanswered question is an ERROR, never a pass.
 */
@CheckInfo(id = "tls.protocols", title = "TLS 1.0 and 1.1 are refused, TLS 1.2 or 1.3 offered, no weak ciphers",
        target = TargetKind.URL, severity = Severity.HIGH,
        phrases = {"\\btls ?1\\.[0-3]\\b", "ssl_protocols", "\\b(protocol|tls) versions?\\b", "\\bweak ciphers?", "\\bcipher suites?",
                "\\bsslv[23]\\b"},
        params = {"minVersion"},
        related = {"testssl:protocols", "sslscan"})
public final class ProtocolsCheck implements Check {
    /** Oldest first, so the index orders them. */
    static final List<String> VERSIONS = List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** TLS 1.0 and 1.1 are deprecated (RFC 8996): an item cannot lower the floor under TLS 1.2. */
    static final String POLICY_FLOOR = "TLSv1.2";
    private static final String WEAK = "weak suites";

    @Override
    public Outcome run(CheckContext context) throws InterruptedException {
        TlsProbe tls = context.http().tls();
        if (!tls.applicable()) {
            return Outcome.notApplicable("the URL is not https: " + context.http().base() + " speaks no TLS");
        }
        String floor = floor(context);
        Map<String, HelloAnswer> answers = ask(tls);
        TlsFacts handshake = tls.handshake();

        List<Evidence> evidence = new ArrayList<>();
        answers.forEach((question, answer) -> evidence.add(new Evidence.Note(
                (question.equals(WEAK) ? "weak cipher suites only, at TLSv1.2" : question) + ": " + answer.describe())));
        List<String> accepted = VERSIONS.stream().filter(v -> answers.get(v) instanceof HelloAnswer.Accepted).toList();
        List<String> unanswered = answers.entrySet().stream()
                .filter(e -> e.getValue() instanceof HelloAnswer.NoAnswer).map(Map.Entry::getKey).toList();
        List<String> below = accepted.stream().filter(v -> older(v, floor)).toList();
        List<String> atOrAbove = accepted.stream().filter(v -> !older(v, floor)).toList();

        List<String> problems = new ArrayList<>();
        if (!below.isEmpty()) {
            problems.add("accepts " + String.join(", ", below) + " (the floor is " + floor + ")");
        }
        if (answers.get(WEAK) instanceof HelloAnswer.Accepted weak) {
            problems.add("chooses the weak suite " + weak.suite() + " when offered only weak ones");
        }
        if (atOrAbove.isEmpty() && !accepted.isEmpty()) {
            problems.add("offers no version from " + floor + " up");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), fix(floor), evidence);
        }
        if (accepted.isEmpty()) {
            // Nothing answered like TLS at all: garbage, resets or silence say nothing about versions.
            return Outcome.error("no TLS handshake with " + tls.address() + " completed: "
                    + (handshake.handshook() ? "every version refused" : handshake.failure()), evidence.toArray(Evidence[]::new));
        }
        if (!unanswered.isEmpty()) {
            return Outcome.error("no answer to the ClientHello for " + String.join(", ", unanswered)
                    + ": whether the server accepts them is unknown", evidence.toArray(Evidence[]::new));
        }
        String refused = String.join(", ", VERSIONS.stream().filter(v -> older(v, floor)).toList());
        return Outcome.pass(String.join(", ", atOrAbove.reversed()) + " offered; " + refused + " and weak cipher suites refused",
                evidence);
    }

    /** The item's "TLS 1.3+" raises the floor; nothing lowers it under {@link #POLICY_FLOOR}. */
    private static String floor(CheckContext context) {
        String asked = context.params().text(Param.MIN_VERSION).map(v -> "TLSv" + (v.equals("1.0") || v.equals("1") ? "1" : v))
                .filter(VERSIONS::contains).orElse(POLICY_FLOOR);
        return older(asked, POLICY_FLOOR) ? POLICY_FLOOR : asked;
    }

    private static boolean older(String version, String than) {
        return VERSIONS.indexOf(version) < VERSIONS.indexOf(than);
    }

    /**
     * Every question at once, each on a virtual thread: a server that stalls costs one request
     * timeout, not seven, which keeps the check well inside its own timeout.
     */
    private static Map<String, HelloAnswer> ask(TlsProbe tls) throws InterruptedException {
        Map<String, Supplier<HelloAnswer>> questions = new LinkedHashMap<>();
        VERSIONS.reversed().forEach(v -> questions.put(v, () -> tls.offers(v)));
        questions.put(WEAK, tls::weakSuites);
        Map<String, Future<HelloAnswer>> pending = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(tls::handshake);
            questions.forEach((question, ask) -> pending.put(question, threads.submit(ask::get)));
        }
        Map<String, HelloAnswer> answers = new LinkedHashMap<>();
        for (var entry : pending.entrySet()) {
            try {
                answers.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                answers.put(entry.getKey(), new HelloAnswer.NoAnswer("the probe failed: " + e.getCause()));
            }
        }
        return answers;
    }

    private static String fix(String floor) {
        return "Offer " + (floor.equals("TLSv1.3") ? "TLS 1.3 only" : "TLS 1.2 and 1.3 only") + " with strong AEAD suites. nginx: ssl_protocols "
                + (floor.equals("TLSv1.3") ? "TLSv1.3" : "TLSv1.2 TLSv1.3") + "; and drop legacy entries from ssl_ciphers "
                + "(Mozilla's intermediate configuration); Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3.";
    }
}
