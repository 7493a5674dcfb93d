package dev.preflight.load;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One kind of request a load run sends, and its share of the run ({@code weight} out of the sum of the
 * run's weights). {@code path} is the path and query on the run's origin. {@code body} is sent as it
 * is (an upload arrives here already framed as multipart); {@code bodyNote} says what it is, for the
 * announcement, without its bytes.
 */
public record LoadRequest(String method, String path, Map<String, String> headers, byte[] body, String bodyNote, int weight) {
    public static final int MAX_WEIGHT = 1_000;
    private static final Pattern TOKEN = Pattern.compile("[A-Z]{1,16}");

    public LoadRequest {
        method = method.toUpperCase(Locale.ROOT);
        if (!TOKEN.matcher(method).matches()) {
            throw new IllegalArgumentException("'" + method + "' is not an HTTP method");
        }
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("a load request's path starts with / and holds no spaces or control characters: " + path);
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("a weight is between 1 and " + MAX_WEIGHT);
        }
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public static LoadRequest get(String path) {
        return new LoadRequest("GET", path, Map.of(), null, null, 1);
    }

    /** The body's bytes; a copy, since a record's array is shared otherwise. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Two requests are the same when they send the same bytes: a record compares arrays by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LoadRequest r && method.equals(r.method) && path.equals(r.path) && headers.equals(r.headers)
               && java.util.Arrays.equals(body, r.body) && java.util.Objects.equals(bodyNote, r.bodyNote) && weight == r.weight;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(method, path, headers, java.util.Arrays.hashCode(body), bodyNote, weight);
    }

    /** An answer to HEAD carries no body whatever its Content-Length says. */
    boolean head() {
        return method.equals("HEAD");
    }

    /** "POST /upload (file avatar.png, 34 KB, as multipart field 'avatar')", with {@code where} in place of the path. */
    public String describe(String where) {
        String note = bodyNote != null ? " (" + bodyNote + ")" : body.length > 0 ? " (" + body.length + "-byte body)" : "";
        return method + " " + where + note;
    }
}
