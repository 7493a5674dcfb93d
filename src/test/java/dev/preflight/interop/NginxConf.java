package dev.preflight.interop;

import java.nio.file.Path;

/**
 * What every test nginx shares: one foreground process without a master, whose pid, error log and
 * temporary files all live in its own directory ({@code dir/temp} must exist), so that nothing of
 * the machine's own nginx is touched. {@code http} holds the directives of the http block.
 */
final class NginxConf {
    private NginxConf() {
    }

    static String wrap(Path dir, String http) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log notice;

                events {
                    worker_connections 256;
                }

                http {
                    client_body_temp_path %1$s/temp/client_body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                %2$s}
                """.formatted(dir, http);
    }
}
