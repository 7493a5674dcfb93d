package dev.preflight.checks.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.Burst;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.ProbeRequest;

/**
 * A bounded burst of GETs against the endpoint the item names is answered 429 (or 503 with
 * Retry-After) before it ends. The endpoint must first answer 2xx, 401 or 403 by itself: a burst
 * against a 404 only measures the server's not-found page.
 */
@CheckInfo(id = "http.rate-limit", title = "Rate limiting answers 429 within a bounded burst", target = TargetKind.URL,
        active = true,
        phrases = {"rate[- ]?limit"},
        params = {"path", "burst"},
        related = {"owasp-api:API4:2023"})
public final class RateLimitBurstCheck implements Check {
    static final int DEFAULT_BURST = 120;
    static final Duration WITHIN = Duration.ofSeconds(10);
    static final int CONCURRENCY = 8;
    static final List<String> LIMIT_HEADERS = List.of("RateLimit", "RateLimit-Policy", "RateLimit-Limit", "RateLimit-Remaining",
            "RateLimit-Reset", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After");

    private static final String NAME_A_PATH = "Name an endpoint that reaches a real handler (answers 2xx, 401 or 403): "
                                              + "<!-- preflight: http.rate-limit path=/api/items -->";

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        String path = context.params().text(Param.PATH).orElse("/");
        int bound = Math.min(context.params().count(Param.BURST).orElse(DEFAULT_BURST), HttpProbe.MAX_BURST);

        HttpObservation first = http.get(path);
        if (!http.planning()) {
            Optional<String> unjudgeable = Answers.unjudgeable(first);
            if (unjudgeable.isPresent()) {
                return Outcome.error(path + " could not be judged before the burst: " + unjudgeable.get(), first.evidence());
            }
            if (first.status() == 429) {
                return Outcome.pass(path + " answered 429 before the burst: the limit was already reached",
                        first.evidence(), headers("limit headers", first));
            }
            if (!(first.isSuccess() || first.status() == 401 || first.status() == 403)) {
                String what = first.isRedirect() ? Answers.redirect(first) : String.valueOf(first.status());
                return new Outcome(Status.ERROR, path + " answered " + what
                        + ": a burst there would not reach a real handler, so it proves nothing", List.of(first.evidence()), NAME_A_PATH, null);
            }
        }

        Burst burst = http.burst(ProbeRequest.get(path), bound, WITHIN, CONCURRENCY, RateLimitBurstCheck::stops);
        List<HttpObservation> answers = burst.answers();
        List<Evidence> evidence = new ArrayList<>(List.of(first.evidence(),
                new Evidence.Measurement("requests sent", answers.size(), ""),
                new Evidence.Measurement("burst duration", burst.elapsed().toMillis(), "ms"),
                new Evidence.Note("statuses: " + (answers.isEmpty() ? "none" : Answers.statusCounts(answers))
                                  + " (" + burst.stoppedBy() + ")")));
        answers.stream().filter(HttpObservation::isSuccess).findFirst()
                .ifPresent(ok -> evidence.add(headers("limit headers before the limit", ok)));
        String sent = answers.size() + " requests in " + seconds(burst.elapsed());

        int limitedAt = firstIndex(answers, RateLimitBurstCheck::limited);
        if (limitedAt > 0) {
            HttpObservation limited = answers.get(limitedAt - 1);
            evidence.add(limited.evidence());
            evidence.add(new Evidence.Measurement("first " + limited.status() + " at request", limitedAt, ""));
            evidence.add(headers("limit headers on the " + limited.status(), limited));
            return Outcome.pass("limited at request " + limitedAt + " of the burst (" + limited.status() + "; " + sent + ")", evidence);
        }
        int overloadedAt = firstIndex(answers, o -> o.answered() && o.status() == 503);
        if (overloadedAt > 0) {
            evidence.add(answers.get(overloadedAt - 1).evidence());
            return Outcome.warn("503 without Retry-After at request " + overloadedAt + " of the burst (" + sent
                                + "): a limit or an overload, which clients cannot tell apart",
                    "Answer rate-limited requests with 429 and a Retry-After header (nginx: limit_req_status 429;).", evidence);
        }
        List<String> unjudgeable = answers.stream().flatMap(o -> Answers.unjudgeable(o).stream()).toList();
        if (!unjudgeable.isEmpty()) {
            return Outcome.error(unjudgeable.size() + " of " + answers.size() + " answers of the burst could not be judged ("
                                 + unjudgeable.getFirst() + "), and none was a limit", evidence.toArray(Evidence[]::new));
        }
        if (http.planning()) {
            return Outcome.error("not sent (--plan)");
        }
        return Outcome.fail("no 429 in a burst of " + sent + " to " + path + " (" + burst.stoppedBy() + ")",
                "Limit requests per client on this endpoint (nginx limit_req with limit_req_status 429, "
                + "express-rate-limit, django-ratelimit, Flask-Limiter) and answer 429 with Retry-After.", evidence);
    }

    /**
     * The burst stops at the first answer that settles the check (a limit, or a 503 that may be one) and
     * at the first that cannot be judged: a server that stalls, resets or streams without end is not
     * asked again.
     */
    private static boolean stops(HttpObservation o) {
        return Answers.unjudgeable(o).isPresent() || o.status() == 429 || o.status() == 503;
    }

    private static boolean limited(HttpObservation o) {
        return o.answered() && (o.status() == 429 || (o.status() == 503 && o.header("retry-after").isPresent()));
    }

    /** The position, counting from one, of the first answer that matches, or 0. */
    private static int firstIndex(List<HttpObservation> answers, Predicate<HttpObservation> test) {
        for (int i = 0; i < answers.size(); i++) {
            if (test.test(answers.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The rate-limit headers of one answer: the server's own words about its limit. */
    private static Evidence headers(String label, HttpObservation o) {
        String found = LIMIT_HEADERS.stream()
                .flatMap(name -> o.header(name).map(v -> name + ": " + Answers.abbreviate(v, 80)).stream())
                .collect(Collectors.joining("; "));
        return new Evidence.Note(label + ": " + (found.isEmpty() ? "none" : found));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
