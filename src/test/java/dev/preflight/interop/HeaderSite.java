package dev.preflight.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One nginx configuration of a site for the header checks and the Observatory benchmark: a plain
 * server block (redirecting to the TLS one, or serving the site itself) and a TLS server block with
 * the response headers, cookie, CORS policy, compression and static-file caching of this variant.
 * Public, with its configuration text, so that {@code bench/observatory} serves the very same sites.
 *
 * @param redirect the plain block's redirect status (301, 302...), or 0 to serve the site over plain HTTP
 * @param headers  response headers added to every TLS answer ({@code add_header ... always})
 */
public record HeaderSite(String name, int redirect, Map<String, String> headers, boolean serverTokens, Cors cors, boolean gzip,
                         boolean staticCaching) {

    /** How the TLS block answers CORS. */
    public enum Cors { NONE, ALLOWLIST, WILDCARD, REFLECT_WITH_CREDENTIALS }

    /** The one origin the allowlist lets in, as a repository's CORS settings would name it. */
    public static final String ALLOWED_ORIGIN = "https://app.example.com";
    /** Debian's mime.types, so that .css is text/css as on a real installation. */
    private static final String MIME_TYPES = "/etc/nginx/mime.types";

    public static final HeaderSite GOOD = new HeaderSite("good", 301, ordered(
            "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
            "Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "strict-origin-when-cross-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Set-Cookie", "sessionid=Zm9vYmFyYmF6cXV4cXV1eA; Path=/; Secure; HttpOnly; SameSite=Lax"),
            false, Cors.ALLOWLIST, true, true);

    public static final HeaderSite BAD = new HeaderSite("bad", 0, ordered(
            "Set-Cookie", "sessionid=Zm9vYmFyYmF6cXV4cXV1eA; Path=/"),
            true, Cors.WILDCARD, false, false);

    public HeaderSite {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public HeaderSite named(String newName) {
        return new HeaderSite(newName, redirect, headers, serverTokens, cors, gzip, staticCaching);
    }

    /** This site with {@code header} set to {@code value}, or removed when value is null. */
    public HeaderSite with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        if (value == null) {
            more.remove(header);
        } else {
            more.put(header, value);
        }
        return new HeaderSite(name, redirect, more, serverTokens, cors, gzip, staticCaching);
    }

    public HeaderSite withRedirect(int status) {
        return new HeaderSite(name, status, headers, serverTokens, cors, gzip, staticCaching);
    }

    public HeaderSite withCors(Cors policy) {
        return new HeaderSite(name, redirect, headers, serverTokens, policy, gzip, staticCaching);
    }

    /**
     * nginx's configuration for this site in {@code dir} (pages under dir/site, pid, logs and
     * temporary files in dir), the plain block on {@code plainListen}, the TLS one on
     * {@code tlsListen} ({@code 127.0.0.1:443}) with the certificate and key given.
     */
    public String nginxConfig(Path dir, String plainListen, String tlsListen, Path certificate, Path key) throws IOException {
        writeContent(dir.resolve("site"));
        Files.createDirectories(dir.resolve("temp"));
        String tlsPort = tlsListen.substring(tlsListen.lastIndexOf(':') + 1);
        String httpsAuthority = tlsPort.equals("443") ? "$host" : "$host:" + tlsPort;
        StringBuilder added = new StringBuilder();
        headers.forEach((header, value) -> added.append("        add_header ").append(header).append(" \"").append(value).append("\" always;\n"));
        if (cors != Cors.NONE) {
            // As nginx's usual CORS snippets do: the static module would answer a preflight 405.
            added.append("        if ($request_method = OPTIONS) {\n            return 204;\n        }\n");
        }
        added.append(switch (cors) {
            case NONE -> "";
            case ALLOWLIST -> "        add_header Access-Control-Allow-Origin $allowed_origin always;\n"
                              + "        add_header Access-Control-Allow-Credentials \"true\" always;\n"
                              + "        add_header Vary \"Origin\" always;\n";
            case WILDCARD -> "        add_header Access-Control-Allow-Origin \"*\" always;\n";
            case REFLECT_WITH_CREDENTIALS -> "        add_header Access-Control-Allow-Origin $http_origin always;\n"
                                             + "        add_header Access-Control-Allow-Credentials \"true\" always;\n";
        });
        String staticLocation = staticCaching
                ? "        location /static/ {\n            expires 30d;\n        }\n"
                : "        location = /static/app.css {\n            default_type text/css;\n            return 200 \"" + css().replace("\n", " ") + "\";\n        }\n";
        String plain = redirect == 0
                ? "        root " + dir.resolve("site") + ";\n" + staticLocation
                : "        return " + redirect + " https://" + httpsAuthority + "$request_uri;\n";
        return NginxConf.wrap(dir, """
                    include %2$s;
                    default_type application/octet-stream;
                    log_format requests '$request_method $request_uri $status "$http_user_agent"';
                    access_log %1$s/access.log requests;
                    server_tokens %3$s;
                    gzip %4$s;
                    gzip_types text/css application/javascript application/json;
                    gzip_min_length 256;
                    gzip_vary on;
                    map $http_origin $allowed_origin {
                        default "";
                        "%5$s" $http_origin;
                    }

                    server {
                        listen %6$s;
                %7$s    }

                    server {
                        listen %8$s ssl;
                        ssl_certificate %9$s;
                        ssl_certificate_key %10$s;
                        root %11$s;
                %12$s%13$s    }
                """.formatted(dir, MIME_TYPES, serverTokens ? "on" : "off", gzip ? "on" : "off", ALLOWED_ORIGIN, plainListen, plain,
                tlsListen, certificate, key, dir.resolve("site"), added, staticLocation));
    }

    /** The home page (over 1 KiB, loading one stylesheet of its own host) and that stylesheet. */
    private static void writeContent(Path site) throws IOException {
        Files.createDirectories(site.resolve("static"));
        String page = "<!doctype html>\n<html><head><title>Preflight header site</title>\n"
                      + "<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head><body>\n"
                      + "<p>A page long enough to be worth compressing, as a real home page is.</p>\n".repeat(60)
                      + "</body></html>\n";
        Files.writeString(site.resolve("index.html"), page, StandardCharsets.UTF_8);
        Files.writeString(site.resolve("static/app.css"), css(), StandardCharsets.UTF_8);
    }

    private static String css() {
        return "body { font-family: sans-serif; margin: 2rem; color: #222; }\n".repeat(40);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
