import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes DIR/nginx.conf: one well-configured site (TLS 1.2/1.3 with http2, a redirect from plain
 * HTTP, HSTS, security headers, a locked-down cookie, gzip, cached static files, JSON health and
 * Prometheus metrics) answering on N loopback port pairs: https on 21000+i, plain http on 20000+i.
 * Each pair is one target of the benchmark. Run: java bench/live/Site.java DIR N
 */
public class Site {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int n = Integer.parseInt(args[1]);
        StringBuilder plain = new StringBuilder();
        StringBuilder tls = new StringBuilder();
        StringBuilder ports = new StringBuilder();
        for (int i = 0; i < n; i++) {
            plain.append("        listen 127.0.0.1:").append(20000 + i).append(";\n");
            tls.append("        listen 127.0.0.1:").append(21000 + i).append(" ssl http2;\n");
            ports.append("        ").append(20000 + i).append(' ').append(21000 + i).append(";\n");
        }
        Files.createDirectories(dir.resolve("site/static"));
        Files.createDirectories(dir.resolve("temp"));
        Files.writeString(dir.resolve("site/index.html"), "<!doctype html>\n<html><head><title>Service</title>\n"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head><body>\n"
                + "<p>A page long enough to be worth compressing.</p>\n".repeat(40) + "</body></html>\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("site/static/app.css"), "body { font-family: sans-serif; margin: 2rem; }\n".repeat(40), StandardCharsets.UTF_8);
        String metrics = "# HELP app_requests_total Requests served.\\n# TYPE app_requests_total counter\\napp_requests_total 42\\n";
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                worker_processes 1;
                worker_rlimit_nofile 8192;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                    include /etc/nginx/mime.types;
                    access_log off;
                    client_body_temp_path %1$s/temp; proxy_temp_path %1$s/temp; fastcgi_temp_path %1$s/temp;
                    uwsgi_temp_path %1$s/temp; scgi_temp_path %1$s/temp;
                    server_tokens off;
                    map $server_port $tls_port {
                %2$s    }
                    server {
                %3$s        return 301 https://$host:$tls_port$request_uri;
                    }
                    server {
                %4$s        ssl_certificate %1$s/cert.pem;
                        ssl_certificate_key %1$s/key.pem;
                        ssl_protocols TLSv1.2 TLSv1.3;
                        gzip on;
                        gzip_types text/css application/json text/plain;
                        root %1$s/site;
                        add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
                        add_header Content-Security-Policy "default-src 'self'; object-src 'none'; frame-ancestors 'none'" always;
                        add_header X-Content-Type-Options nosniff always;
                        add_header X-Frame-Options DENY always;
                        add_header Referrer-Policy strict-origin-when-cross-origin always;
                        add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
                        add_header Cross-Origin-Opener-Policy same-origin always;
                        add_header Cross-Origin-Resource-Policy same-origin always;
                        add_header Set-Cookie "sessionid=Zm9vYmFyYmF6cXV4cXV1eA; Path=/; Secure; HttpOnly; SameSite=Lax" always;
                        location /static/ { expires 30d; }
                        location = /health { default_type application/json; return 200 '{"status":"ok"}'; }
                        location = /metrics { default_type "text/plain; version=0.0.4"; return 200 "%5$s"; }
                    }
                }
                """.formatted(dir, ports, plain, tls, metrics), StandardCharsets.UTF_8);
    }
}
