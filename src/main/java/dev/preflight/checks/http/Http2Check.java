package dev.preflight.checks.http;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Severity;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.tls.TlsFacts;
import dev.preflight.collect.tls.TlsProbe;

/**
 * HTTP/2 is offered the way browsers find it: the server picks "h2" from the protocols the client
 * offers in the TLS handshake's ALPN extension. The answer comes from the run's shared handshake,
 * so this check sends nothing of its own.
 */
@CheckInfo(id = "http.http2", title = "HTTP/2 is offered via ALPN", target = TargetKind.URL, severity = Severity.LOW,
        phrases = {"\\bhttp/2\\b", "\\bhttp2\\b"})
public final class Http2Check implements Check {

    @Override
    public Outcome run(CheckContext context) {
        TlsProbe tls = context.http().tls();
        if (!tls.applicable()) {
            return Outcome.notApplicable("the URL is not https: browsers speak HTTP/2 only over TLS, where ALPN negotiates it");
        }
        TlsFacts facts = tls.handshake();
        if (!facts.handshook()) {
            return Outcome.error("no TLS handshake with " + facts.address() + ": " + facts.failure());
        }
        Evidence offer = new Evidence.Note("ALPN offered h2, http/1.1 to " + facts.address() + " over " + facts.protocol()
                + "; the server chose " + (facts.alpn().isEmpty() ? "none" : facts.alpn()));
        if (facts.alpn().equals("h2")) {
            return Outcome.pass("the server chose h2 by ALPN", offer);
        }
        return Outcome.fail(facts.alpn().isEmpty()
                        ? "the server ignored ALPN: HTTP/2 is not offered"
                        : "the server chose " + facts.alpn() + " by ALPN over h2: HTTP/2 is not offered",
                "Enable HTTP/2 on the TLS listener. nginx before 1.25.1: listen 443 ssl http2; later: http2 on;. "
                        + "Apache: Protocols h2 http/1.1 (mod_http2). A proxy in front must offer h2 itself.", offer);
    }
}
