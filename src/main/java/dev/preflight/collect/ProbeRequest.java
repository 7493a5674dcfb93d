package dev.preflight.collect;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request a check wants sent. {@code target} is a path from the base URL's root ("/api/items?q=1")
 * or an absolute URL on one of the given hosts. The body is described in words ("12 MiB stream of
 * zeros") because the plan and the evidence show the description, never the bytes.
 */
public record ProbeRequest(String method, String target, Map<String, String> headers,
                           HttpRequest.BodyPublisher body, String bodyDescription) {

    public ProbeRequest {
        headers = Map.copyOf(headers);
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
        return new ProbeRequest(method, target, more, body, bodyDescription);
    }

    public ProbeRequest body(HttpRequest.BodyPublisher publisher, String description) {
        return new ProbeRequest(method, target, headers, publisher, description);
    }
}
