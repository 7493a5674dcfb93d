package dev.preflight.collect;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

import dev.preflight.check.Evidence;

/**
 * One request and what came back, or why nothing did. The body is capped at {@link HttpProbe#MAX_BODY_BYTES}.
 */
public record HttpObservation(String method, String url, int status, HttpHeaders headers, String body, boolean truncated,
                              long durationMs, String failure) {

    public boolean answered() {
        return failure == null;
    }

    public boolean isSuccess() {
        return answered() && status >= 200 && status < 300;
    }

    public boolean isRedirect() {
        return answered() && List.of(301, 302, 303, 307, 308).contains(status);
    }

    public Optional<String> header(String name) {
        return headers == null ? Optional.empty() : headers.firstValue(name);
    }

    /** Every value of a header that may repeat, such as Set-Cookie. */
    public List<String> headers(String name) {
        return headers == null ? List.of() : headers.allValues(name);
    }

    public String contentType() {
        return header("content-type").orElse("");
    }

    /** The request line and the status, with no header values: those may carry credentials. */
    public Evidence.Http evidence() {
        String response = answered()
                ? "HTTP " + status + (contentType().isEmpty() ? "" : ", " + contentType()) + ", " + body.length()
                  + (truncated ? "+" : "") + " bytes"
                : failure;
        return new Evidence.Http(method + " " + url, response, durationMs);
    }
}
