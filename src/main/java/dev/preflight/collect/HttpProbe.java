package dev.preflight.collect;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passive GET requests to one deployment. Each path is fetched once per run and shared; requests
 * go only to the base URL's host (redirects are reported, not followed, but for one on the same host
 * to the same path with a trailing slash: see {@link #firstSuccessful}), with connect and read
 * timeouts and a cap on the bytes read.
 */
public final class HttpProbe {
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final URI base;
    private final java.util.function.Supplier<HttpClient> client;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final ConcurrentHashMap<String, CompletableFuture<HttpObservation>> fetched = new ConcurrentHashMap<>();

    public HttpProbe(URI base, HttpClient client, Map<String, String> headers, Duration timeout) {
        this(base, () -> client, headers, timeout);
    }

    private HttpProbe(URI base, java.util.function.Supplier<HttpClient> client, Map<String, String> headers, Duration timeout) {
        this.base = base;
        this.client = client;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
    }

    /**
     * A probe whose client is built in the background from now on: building one costs a few hundred
     * milliseconds on a cold JVM, which the repository checks spend running instead of waiting.
     */
    public static HttpProbe warming(URI base, Duration connectTimeout, javax.net.ssl.SSLContext ssl,
                                    Map<String, String> headers, Duration timeout) {
        Memo<HttpClient> client = Memo.of(() -> client(connectTimeout, ssl));
        Thread.ofVirtual().name("preflight-http-client").start(client::get);
        return new HttpProbe(base, client, headers, timeout);
    }

    /** A client that never follows redirects; {@code ssl} null means the system's trust. */
    public static HttpClient client(Duration connectTimeout, javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    public URI base() {
        return base;
    }

    /** GET {@code path} (absolute, from the base URL's root), once per run. */
    public HttpObservation get(String path) {
        CompletableFuture<HttpObservation> mine = new CompletableFuture<>();
        CompletableFuture<HttpObservation> earlier = fetched.putIfAbsent(path, mine);
        if (earlier != null) {
            return earlier.join();
        }
        mine.complete(fetch(path));
        return mine.join();
    }

    /**
     * The first of {@code paths} that answers 2xx, or the observation of the first path when none does.
     * A path that redirects to itself with a trailing slash is followed there, once.
     */
    public HttpObservation firstSuccessful(List<String> paths) {
        HttpObservation first = null;
        for (String path : paths) {
            HttpObservation o = get(path);
            if (o.isSuccess()) {
                return o;
            }
            if (redirectsToTrailingSlash(path, o)) {
                HttpObservation slashed = get(path + "/");
                if (slashed.isSuccess()) {
                    return slashed;
                }
            }
            if (first == null) {
                first = o;
            }
        }
        return first;
    }

    /**
     * Django's APPEND_SLASH (on in every new project) answers /health with a redirect to /health/: the
     * same endpoint, which probes and scrapers reach by following it. Any other redirect, such as one
     * to a login page, is not the endpoint and is left as the answer.
     */
    private boolean redirectsToTrailingSlash(String path, HttpObservation o) {
        if (path.endsWith("/") || !List.of(301, 302, 307, 308).contains(o.status())) {
            return false;
        }
        URI asked = resolve(path);
        return o.header("location").map(location -> {
            try {
                URI to = asked.resolve(location);
                return asked.getScheme().equals(to.getScheme()) && asked.getRawAuthority().equals(to.getRawAuthority())
                        && (asked.getRawPath() + "/").equals(to.getRawPath()) && to.getRawQuery() == null;
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }).orElse(false);
    }

    private HttpObservation fetch(String path) {
        URI uri = resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "preflight");
        headers.forEach(request::header);
        // Building the client is our cost, not the server's: it stays out of the measured time.
        HttpClient http = client.get();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            boolean truncated;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY_BYTES);
                truncated = in.read() >= 0;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new HttpObservation(uri.toString(), response.statusCode(), response.headers(),
                    new String(body, StandardCharsets.UTF_8), truncated, ms, null);
        } catch (HttpTimeoutException e) {
            return failed(uri, start, "timed out after " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return failed(uri, start, "connection refused or unreachable");
        } catch (IOException e) {
            return failed(uri, start, "request failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(uri, start, "interrupted");
        }
    }

    private static HttpObservation failed(URI uri, long start, String why) {
        return new HttpObservation(uri.toString(), 0, null, "", false, (System.nanoTime() - start) / 1_000_000, why);
    }

    private URI resolve(String path) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + path);
    }
}
