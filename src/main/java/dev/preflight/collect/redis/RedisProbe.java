package dev.preflight.collect.redis;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import dev.preflight.collect.TrustMaterial;
import dev.preflight.collect.db.DatabaseUrl;
import dev.preflight.collect.redis.RespClient.Reply;

/**
 * Asks one Redis server its facts over one connection, with read commands only: PING before any
 * AUTH (is the server open to anyone?), AUTH with the URL's password, INFO, and CONFIG GET of the
 * settings the redis checks judge. {@code requirepass} is never asked for: its answer is the password.
 * A server that refuses CONFIG (renamed, or an ACL without it) still gives INFO; what it would not
 * tell is listed in {@link RedisFacts.Reached#unreadable()}.
 */
public final class RedisProbe {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** The settings read with CONFIG GET, one command each: Redis before 7 takes one pattern per CONFIG GET. */
    static final List<String> SETTINGS = List.of("protected-mode", "bind", "maxmemory", "maxmemory-policy", "save", "appendonly");

    private RedisProbe() {
    }

    /**
     * Reads the facts of the server at {@code url}; a {@code rediss://} URL is spoken to over TLS,
     * trusting what {@code trust} trusts ({@code --ca-cert}), or the system's CAs when it is null.
     */
    public static RedisFacts read(DatabaseUrl url, TrustMaterial trust) {
        boolean tls = url.text().toLowerCase(Locale.ROOT).startsWith("rediss:");
        SSLContext context = !tls ? null : trust != null ? trust.context() : TrustMaterial.system().context();
        try (RespClient client = RespClient.connect(url.host(), url.port(), CONNECT_TIMEOUT, READ_TIMEOUT, context)) {
            Reply ping = client.call("PING");
            boolean open = !(ping instanceof Reply.Error);
            String unauthenticated = describe(ping);
            boolean loggedIn = open && url.password() == null;
            if (url.password() != null) {
                Reply auth = url.user() == null ? client.call("AUTH", url.password()) : client.call("AUTH", url.user(), url.password());
                if (auth instanceof Reply.Error e) {
                    return new RedisFacts.Unreached(url, "authentication failed at " + url.address() + ": " + scrub(e.text(), url));
                }
                loggedIn = true;
            }
            List<String> unreadable = new ArrayList<>();
            if (!loggedIn) {
                unreadable.add("INFO and CONFIG GET: the server asks for a password and the URL gives none");
                return new RedisFacts.Reached(url, open, unauthenticated, false, Map.of(), Map.of(), unreadable);
            }
            Map<String, String> info = info(client.call("INFO"), unreadable, url);
            Map<String, String> config = new LinkedHashMap<>();
            for (String setting : SETTINGS) {
                Reply reply = client.call("CONFIG", "GET", setting);
                if (reply instanceof Reply.Array(List<Reply> elements) && elements != null && elements.size() == 2
                    && elements.get(1) instanceof Reply.Bulk(String value) && value != null) {
                    config.put(setting, value);
                } else {
                    unreadable.add("CONFIG GET " + setting + ": " + scrub(describe(reply), url));
                }
            }
            return new RedisFacts.Reached(url, open, unauthenticated, true, info, config, unreadable);
        } catch (ConnectException e) {
            return new RedisFacts.Unreached(url, "connection refused at " + url.address() + " (is Redis running and listening there?)");
        } catch (SocketTimeoutException e) {
            return new RedisFacts.Unreached(url, "no answer from " + url.address() + " within " + READ_TIMEOUT.toSeconds() + " s");
        } catch (UnknownHostException e) {
            return new RedisFacts.Unreached(url, "unknown host " + url.host());
        } catch (SSLException e) {
            return new RedisFacts.Unreached(url, handshake(e, url));
        } catch (IOException e) {
            return new RedisFacts.Unreached(url, "cannot talk to Redis at " + url.address() + ": " + scrub(String.valueOf(e.getMessage()), url));
        }
    }

    /** Why the TLS handshake failed, in the words a user acts on: an untrusted certificate, another host's, or the JDK's reason. */
    private static String handshake(SSLException e, DatabaseUrl url) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException) {
                return "the TLS certificate of " + url.address() + " is not trusted (give its CA with --ca-cert)";
            }
            // The JDK's host name checker says "No subject alternative names matching ...", "No name matching ...".
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).startsWith("No ")) {
                return "the TLS certificate of " + url.address() + " does not name " + url.host() + ": " + scrub(t.getMessage(), url);
            }
        }
        return "TLS handshake with " + url.address() + " failed: " + scrub(String.valueOf(e.getMessage()), url);
    }

    private static Map<String, String> info(Reply reply, List<String> unreadable, DatabaseUrl url) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (reply instanceof Reply.Bulk(String text) && text != null) {
            for (String line : text.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (!line.startsWith("#") && colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        } else {
            unreadable.add("INFO: " + scrub(describe(reply), url));
        }
        return fields;
    }

    private static String describe(Reply reply) {
        return switch (reply) {
            case Reply.Simple(String text) -> text;
            case Reply.Error(String text) -> text;
            case Reply.Int(long value) -> String.valueOf(value);
            case Reply.Bulk(String text) -> text == null ? "(nil)" : text;
            case Reply.Array(List<Reply> elements) -> elements == null ? "(nil)" : "an array of " + elements.size();
        };
    }

    private static String scrub(String message, DatabaseUrl url) {
        String line = message.lines().findFirst().orElse("").strip();
        return url.password() == null ? line : line.replace(url.password(), "***");
    }
}
