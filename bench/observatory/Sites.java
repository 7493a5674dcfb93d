import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.preflight.interop.HeaderSite;

/**
 * Writes one nginx configuration per benchmark site into DIR/NAME/nginx.conf, listening on
 * 127.0.0.1:80 and 127.0.0.1:443 (the only ports MDN HTTP Observatory scans), with the certificate
 * DIR/cert.pem and key DIR/key.pem; prints the site names, one a line. Each variant changes one
 * thing of the interop tests' good site, so each row of the agreement table has one cause.
 * Run: java -cp target/test-classes bench/observatory/Sites.java DIR
 */
public class Sites {
    static final List<HeaderSite> SITES = List.of(
            HeaderSite.GOOD,
            HeaderSite.BAD,
            HeaderSite.GOOD.named("csp-unsafe-inline-script")
                    .with("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"),
            HeaderSite.GOOD.named("csp-unsafe-inline-style")
                    .with("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'"),
            HeaderSite.GOOD.named("csp-no-object-src")
                    .with("Content-Security-Policy", "script-src 'self'; frame-ancestors 'none'"),
            HeaderSite.GOOD.named("hsts-six-months").with("Strict-Transport-Security", "max-age=15768000; includeSubDomains"),
            HeaderSite.GOOD.named("hsts-missing").with("Strict-Transport-Security", null),
            HeaderSite.GOOD.named("frame-ancestors-any").with("X-Frame-Options", null)
                    .with("Content-Security-Policy", "default-src 'self'; object-src 'none'; frame-ancestors *"),
            HeaderSite.GOOD.named("xfo-allow-from").with("Content-Security-Policy", "default-src 'self'; object-src 'none'")
                    .with("X-Frame-Options", "ALLOW-FROM https://partner.example.org"),
            HeaderSite.GOOD.named("nosniff-missing").with("X-Content-Type-Options", null),
            HeaderSite.GOOD.named("referrer-missing").with("Referrer-Policy", null),
            HeaderSite.GOOD.named("referrer-unsafe-url").with("Referrer-Policy", "unsafe-url"),
            HeaderSite.GOOD.named("corp-invalid").with("Cross-Origin-Resource-Policy", "same-orign"),
            HeaderSite.GOOD.named("cookie-no-samesite").with("Set-Cookie", "sessionid=Zm9vYmFyYmF6cXV4cXV1eA; Path=/; Secure; HttpOnly"),
            HeaderSite.GOOD.named("cookie-no-httponly").with("Set-Cookie", "sessionid=Zm9vYmFyYmF6cXV4cXV1eA; Path=/; Secure; SameSite=Lax"),
            HeaderSite.GOOD.named("cors-wildcard").withCors(HeaderSite.Cors.WILDCARD),
            HeaderSite.GOOD.named("cors-reflect-credentials").withCors(HeaderSite.Cors.REFLECT_WITH_CREDENTIALS),
            HeaderSite.GOOD.named("redirect-302").withRedirect(302),
            HeaderSite.GOOD.named("no-redirect").withRedirect(0));

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        for (HeaderSite site : SITES) {
            Path dir = Files.createDirectories(root.resolve(site.name()));
            Files.writeString(dir.resolve("nginx.conf"),
                    site.nginxConfig(dir, "127.0.0.1:80", "127.0.0.1:443", root.resolve("cert.pem"), root.resolve("key.pem")));
            System.out.println(site.name());
        }
    }
}
