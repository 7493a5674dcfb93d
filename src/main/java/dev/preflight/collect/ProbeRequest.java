package dev.preflight.collect;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a check wants sent. {@code target} is a path from the base URL's root ("/api/items?q=1")
 * or an absolute URL on one of the given hosts. The body is described in words ("12 MiB stream of
 * zeros") because the plan and the evidence show the description, never the bytes.
 *
 * @param omitGivenHeaders sent without the {@code --header} values, as a client that holds no credential
 */
public record ProbeRequest(String method, String target, Map<String, String> headers,
                           HttpRequest.BodyPublisher body, String bodyDescription, boolean omitGivenHeaders) {

    public ProbeRequest {
        headers = Map.copyOf(headers);
    }

    public ProbeRequest(String method, String target, Map<String, String> headers, HttpRequest.BodyPublisher body,
                        String bodyDescription) {
        this(method, target, headers, body, bodyDescription, false);
    }

    public static ProbeRequest get(String target) {
        return new ProbeRequest("GET", target, Map.of(), null, null);
    }

    public static ProbeRequest of(String method, String target) {
        return new ProbeRequest(method, target, Map.of(), null, null);
    }

    /**
     * A header of this request only. It overrides a {@code --header} of the same name, which is how
     * an authentication check sends an invalid credential in place of the valid one.
     */
    public ProbeRequest header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProbeRequest(method, target, more, body, bodyDescription, omitGivenHeaders);
    }

    public ProbeRequest body(HttpRequest.BodyPublisher publisher, String description) {
        return new ProbeRequest(method, target, headers, publisher, description, omitGivenHeaders);
    }

    /** This request without the {@code --header} values: how an authentication check asks as nobody. */
    public ProbeRequest anonymous() {
        return new ProbeRequest(method, target, headers, body, bodyDescription, true);
    }
}
