package dev.preflight.checks.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.ProbeRequest;

/**
 * Text answers are compressed when the client accepts it: the home page and the first static asset
 * it loads from its own host are asked for with {@code Accept-Encoding: br, gzip}, and the answer's
 * Content-Encoding says what the server did. The JDK client never decompresses, so the bytes counted
 * are the bytes on the wire.
 */
@CheckInfo(id = "http.compression", title = "Responses are compressed (gzip or br)", target = TargetKind.URL, severity = Severity.LOW,
        phrases = {"\\bgzip", "\\bcompression\\b", "\\bbrotli"})
public final class CompressionCheck implements Check {
    /** Below this, servers commonly send a body as it is (a compressed tiny body can be larger), so its encoding says nothing. */
    static final int MIN_BYTES = 1024;
    private static final Set<String> ENCODINGS = Set.of("gzip", "br", "zstd", "deflate");
    private static final String FIX = "Turn compression on for text types: nginx `gzip on; gzip_types text/css application/javascript "
            + "application/json image/svg+xml;` (text/html is always included), Express compression(), or the CDN's setting.";

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        HttpObservation page = Home.page(http);
        List<String> targets = new ArrayList<>();
        targets.add(page.answered() ? page.url() : http.resolve("/").toString());
        PageAssets.onSameHost(http, page).stream().findFirst().ifPresent(targets::add);
        List<Evidence> evidence = new ArrayList<>();
        List<Graded> graded = new ArrayList<>();
        for (String target : targets) {
            HttpObservation o = http.send(ProbeRequest.get(target).header("Accept-Encoding", "br, gzip"));
            evidence.add(o.evidence());
            if (!o.answered()) {
                return Outcome.error("GET " + target + " with Accept-Encoding failed: " + o.failure(), evidence.toArray(Evidence[]::new));
            }
            grade(o).ifPresent(graded::add);
        }
        if (graded.isEmpty()) {
            return Outcome.unverified("nothing to judge: " + String.join(", ", targets) + " answered no text body of "
                                      + MIN_BYTES + " bytes or more; name a larger page with a directive");
        }
        return Graded.outcome(graded, String.join("; ", graded.stream().map(g -> g.subject() + " " + g.finding()).toList()), evidence);
    }

    /** The grade of one answer, or empty when it cannot tell (not text, or too small). */
    static Optional<Graded> grade(HttpObservation o) {
        String subject = URI.create(o.url()).getRawPath();
        subject = subject == null || subject.isEmpty() ? "/" : subject;
        Optional<String> encoding = o.header("content-encoding").map(e -> e.strip().toLowerCase(Locale.ROOT));
        if (encoding.filter(ENCODINGS::contains).isPresent()) {
            return Optional.of(Graded.pass(subject, "sent " + encoding.get()));
        }
        if (!compressible(o.contentType()) || o.body().length() < MIN_BYTES) {
            return Optional.empty();
        }
        return Optional.of(Graded.fail(subject, "sent uncompressed (" + o.body().length() + (o.truncated() ? "+" : "") + " bytes of "
                                                + o.contentType() + ") though the request accepted br and gzip", FIX));
    }

    private static boolean compressible(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("javascript") || type.contains("xml")
               || type.contains("svg");
    }
}
