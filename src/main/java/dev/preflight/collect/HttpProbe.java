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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.preflight.Preflight;
import dev.preflight.collect.tls.TlsProbe;

/**
 * Requests to one deployment, safe to point at someone else's server:
 * <ul>
 * <li>only to the hosts of the URLs given; a request for any other host is not sent;
 * <li>redirects are reported, never followed (but see {@link #firstSuccessful});
 * <li>a connect timeout, a timeout on the whole exchange (headers and body: a server that drips its
 * body is cut off), and a cap on the bytes read ({@link #MAX_BODY_BYTES});
 * <li>bursts bounded in requests ({@link #MAX_BURST}) and in time;
 * <li>a User-Agent that names Preflight, so the server's operators know who asked.
 * </ul>
 * GETs of a path are sent once per run and shared by every check that asks. A probe made with a
 * {@link RequestLog} ({@code --plan}) sends nothing: it records what it would send.
 */
public final class HttpProbe {
    public static final int MAX_BODY_BYTES = 1 << 20;
    public static final int MAX_BURST = 1_000;
    public static final String USER_AGENT = "Preflight/" + Preflight.version() + " (deployment checklist verifier)";
    private static final String NOT_SENT = "not sent (--plan)";

    private final URI base;
    private final List<URI> given;
    private final Set<String> hosts;
    private final Supplier<HttpClient> client;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final RequestLog plan;
    private final Consumer<String> announce;
    private final TlsProbe tls;
    private final ConcurrentHashMap<String, Memo<HttpObservation>> fetched = new ConcurrentHashMap<>();

    private HttpProbe(List<URI> given, Supplier<HttpClient> client, Map<String, String> headers, Duration timeout,
                      TrustMaterial trust, RequestLog plan, Consumer<String> announce) {
        this.base = given.getFirst();
        this.given = List.copyOf(given);
        this.hosts = given.stream().map(u -> u.getHost().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.client = client;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.plan = plan;
        this.announce = announce;
        this.tls = new TlsProbe(this.base, timeout, trust, plan);
    }

    /** A probe of one base URL with the system's trust: what tests of a single endpoint need. */
    public HttpProbe(URI base, HttpClient client, Map<String, String> headers, Duration timeout) {
        this(List.of(base), () -> client, headers, timeout, null, null, what -> { });
    }

    /**
     * The probe of a run: the first of {@code urls} is the base, the others are more addresses of the
     * same deployment (its plain-HTTP address, say). The client is built in the background from now
     * on: building one costs a few hundred milliseconds on a cold JVM, which the repository checks
     * spend running instead of waiting. {@code trust} null means the system's; {@code plan} non-null
     * means record, do not send; {@code announce} is told each burst's bounds before it starts.
     */
    public static HttpProbe forRun(List<URI> urls, Duration connectTimeout, TrustMaterial trust,
                                   Map<String, String> headers, Duration timeout, RequestLog plan, Consumer<String> announce) {
        Memo<HttpClient> client = Memo.of(() -> client(connectTimeout, trust == null ? null : trust.context()));
        if (plan == null) {
            Thread.ofVirtual().name("preflight-http-client").start(client::get);
        }
        return new HttpProbe(urls, client, headers, timeout, trust, plan, announce);
    }

    /**
     * A client that never follows redirects and speaks HTTP/1.1: the JDK's HTTP/2 default would add an
     * h2c upgrade offer to every plain request, which is not what a browser sends. HTTP/2 is judged from
     * the TLS handshake's ALPN instead. {@code ssl} null means the system's trust.
     */
    public static HttpClient client(Duration connectTimeout, javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
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

    /** Every URL given for this deployment, the base first. */
    public List<URI> urls() {
        return given;
    }

    /** The TLS facts of the base URL's host and port. */
    public TlsProbe tls() {
        return tls;
    }

    /** Whether this probe records a plan instead of sending. */
    public boolean planning() {
        return plan != null;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * The deployment's plain-HTTP address: a given http URL on the base's host, or, when the base is
     * https on its default port, port 80 of the same host. Empty when neither applies (an https URL
     * on port 8443 alone says nothing about where its plain address is).
     */
    public Optional<URI> plainHttp() {
        Optional<URI> givenPlain = given.stream()
                .filter(u -> "http".equalsIgnoreCase(u.getScheme()) && u.getHost().equalsIgnoreCase(base.getHost()))
                .findFirst();
        if (givenPlain.isPresent()) {
            return givenPlain;
        }
        if ("https".equalsIgnoreCase(base.getScheme()) && (base.getPort() == -1 || base.getPort() == 443)) {
            return Optional.of(URI.create("http://" + hostForUri(base.getHost()) + "/"));
        }
        return Optional.empty();
    }

    /** GET {@code path} (absolute, from the base URL's root) or an absolute URL on a given host, once per run. */
    public HttpObservation get(String target) {
        return fetched.computeIfAbsent(target, t -> Memo.of(() -> send(ProbeRequest.get(t)))).get();
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

    /** Sends one request, not shared with other checks: for anything but a plain GET. */
    public HttpObservation send(ProbeRequest request) {
        Destination to = destination(request, "");
        return to.refusal() != null ? to.refusal() : exchange(request, to.uri());
    }

    /** Where a request goes, or why it is not sent there: an invalid URL, a host not given, a plan. */
    private record Destination(URI uri, HttpObservation refusal) {
    }

    private Destination destination(ProbeRequest request, String planNote) {
        URI uri;
        try {
            uri = resolve(request.target());
        } catch (IllegalArgumentException e) {
            return new Destination(null, failed(request.method(), request.target(), 0, "not sent: not a valid URL"));
        }
        if (!inScope(uri)) {
            return new Destination(uri, failed(request.method(), uri.toString(), 0,
                    "not sent: " + uri.getHost() + " is not among the hosts given with --url"));
        }
        if (plan != null) {
            plan.record(planLine(request, uri) + planNote);
            return new Destination(uri, failed(request.method(), uri.toString(), 0, NOT_SENT));
        }
        return new Destination(uri, null);
    }

    /**
     * Sends a request whose body has a known length over a connection of its own, writing the body
     * while reading the answer and stopping as soon as the server answers: an upload meant to be
     * refused is not sent in full (see {@link StreamedExchange}).
     */
    public Upload upload(ProbeRequest request) {
        long length = request.body() == null ? 0 : request.body().contentLength();
        if (length < 0) {
            throw new IllegalArgumentException("an upload needs a body of known length");
        }
        Destination to = destination(request, " (Content-Length " + length + "; writing stops at the server's first answer)");
        if (to.refusal() != null) {
            return new Upload(to.refusal(), 0, length);
        }
        HttpClient http = client.get();
        return StreamedExchange.send(request.method(), to.uri(), headersFor(request), request.body(), http.sslContext(),
                http.connectTimeout().orElse(timeout), timeout);
    }

    /**
     * The {@code --header} values every request carries unless it is {@link ProbeRequest#anonymous()}:
     * credentials, for the checks that test them. Never put one into an outcome.
     */
    public Map<String, String> givenHeaders() {
        return headers;
    }

    private String planLine(ProbeRequest request, URI uri) {
        return request.method() + " " + uri + (request.bodyDescription() == null ? "" : " with " + request.bodyDescription())
               + (request.omitGivenHeaders() && !headers.isEmpty() ? " (without the --header values)" : "");
    }

    /** The headers a request goes out with: the User-Agent, the --header values it does not override, its own. */
    private Map<String, String> headersFor(ProbeRequest request) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("User-Agent", USER_AGENT);
        if (!request.omitGivenHeaders()) {
            headers.forEach((name, value) -> {
                if (request.headers().keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                    all.put(name, value);
                }
            });
        }
        all.putAll(request.headers());
        return all;
    }

    /**
     * Sends {@code request} up to {@code maxRequests} times (at most {@link #MAX_BURST}), {@code concurrency}
     * at a time, for at most {@code within}; stops early once an answer meets {@code stopWhen}.
     */
    public Burst burst(ProbeRequest request, int maxRequests, Duration within, int concurrency, Predicate<HttpObservation> stopWhen) {
        int bound = Math.min(Math.max(maxRequests, 1), MAX_BURST);
        String line = "burst: up to " + bound + " x " + request.method() + " " + resolve(request.target()) + ", " + concurrency
                      + " at a time, for at most " + within.toSeconds() + " s, stopping at the first answer that settles the check";
        announce(line);
        if (plan != null) {
            return new Burst(List.of(), Duration.ZERO, NOT_SENT);
        }
        long start = System.nanoTime();
        long end = start + within.toNanos();
        List<HttpObservation> answers = Collections.synchronizedList(new ArrayList<>());
        Semaphore slots = new Semaphore(Math.max(1, concurrency));
        CompletableFuture<String> stopped = new CompletableFuture<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < bound && !stopped.isDone(); i++) {
                long left = end - System.nanoTime();
                if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    stopped.complete("time bound reached");
                    break;
                }
                if (stopped.isDone()) {
                    slots.release();
                    break;
                }
                threads.submit(() -> {
                    try {
                        HttpObservation o = send(request);
                        answers.add(o);
                        if (stopWhen.test(o)) {
                            stopped.complete("stop condition met");
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
            stopped.complete("request bound reached");
            threads.shutdown();
            if (!threads.awaitTermination(Math.max(0, end - System.nanoTime()) + timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.complete("interrupted");
        }
        return new Burst(answers, Duration.ofNanos(System.nanoTime() - start), stopped.join());
    }

    /**
     * Tells what a sender of its own is about to send, with its bounds, before it starts: into the
     * plan under {@code --plan} (then nothing is to be sent), else to the run's progress.
     */
    public void announce(String line) {
        if (plan != null) {
            plan.record(line);
        } else {
            announce.accept(line);
        }
    }

    /** The TLS context of this run's requests (the system's trust and {@code --ca-cert}), for senders of their own. */
    public javax.net.ssl.SSLContext sslContext() {
        return client.get().sslContext();
    }

    /** The absolute URL of a target: a path from the base URL's root, or an absolute URL as it is. */
    public URI resolve(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return URI.create(target);
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + basePath + target);
    }

    /**
     * Whether {@code uri} may be sent anything: http or https on one of the hosts given. Senders of
     * their own (the load generator) ask here, so one rule decides for every request of a run.
     */
    public boolean inScope(URI uri) {
        return uri.getHost() != null && hosts.contains(uri.getHost().toLowerCase(Locale.ROOT))
               && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
    }

    /**
     * Django's APPEND_SLASH (on in every new project) answers /health with a redirect to /health/: the
     * same endpoint, which probes and scrapers reach by following it. Any other redirect, such as one
     * to a login page, is not the endpoint and is left as the answer.
     */
    private boolean redirectsToTrailingSlash(String path, HttpObservation o) {
        if (path.endsWith("/") || !o.isRedirect()) {
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

    private HttpObservation exchange(ProbeRequest request, URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody() : request.body());
        headersFor(request).forEach(builder::header);
        // Building the client is our cost, not the server's: it stays out of the measured time.
        HttpClient http = client.get();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            long left = timeout.toNanos() - (System.nanoTime() - start);
            BodyRead read = readBody(response.body(), left);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (read.cutOff()) {
                return failed(request.method(), uri.toString(), ms, "HTTP " + response.statusCode()
                        + ", but the body did not arrive within " + timeout.toSeconds() + " s (" + read.bytes().length + " bytes read)");
            }
            return new HttpObservation(request.method(), uri.toString(), response.statusCode(), response.headers(),
                    new String(read.bytes(), StandardCharsets.UTF_8), read.truncated(), ms, null);
        } catch (HttpTimeoutException e) {
            return failed(request.method(), uri.toString(), elapsed(start), "no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            return failed(request.method(), uri.toString(), elapsed(start), "connection refused or unreachable");
        } catch (javax.net.ssl.SSLException e) {
            return failed(request.method(), uri.toString(), elapsed(start), "TLS failed: " + rootMessage(e));
        } catch (IOException e) {
            return failed(request.method(), uri.toString(), elapsed(start), "request failed: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(request.method(), uri.toString(), elapsed(start), "interrupted");
        }
    }

    private record BodyRead(byte[] bytes, boolean truncated, boolean cutOff) {
    }

    /**
     * Reads at most {@link #MAX_BODY_BYTES}, for at most {@code nanos}: the client's own timeout ends at
     * the headers, so a watchdog closes the stream when the body is still dripping at the deadline.
     */
    private static BodyRead readBody(InputStream in, long nanos) throws IOException {
        AtomicBoolean cutOff = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(nanos, 1));
                cutOff.set(true);
                in.close();
            } catch (InterruptedException | IOException finished) {
                // the body was read in time, or closing raced with its end: nothing to cut off
            }
        });
        byte[] bytes = new byte[0];
        try (in) {
            bytes = in.readNBytes(MAX_BODY_BYTES);
            boolean truncated = in.read() >= 0;
            return new BodyRead(bytes, truncated, cutOff.get());
        } catch (IOException e) {
            if (cutOff.get()) {
                return new BodyRead(bytes, false, true);
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    static HttpObservation failed(String method, String url, long ms, String why) {
        return new HttpObservation(method, url, 0, null, "", false, ms, why);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
