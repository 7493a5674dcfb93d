package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.check.Status;
import dev.preflight.collect.RepoSnapshot;

class TimeoutsCheckTest {
    @TempDir
    Path dir;

    private Outcome check() {
        return new TimeoutsCheck().run(new CheckContext(Params.NONE, "Configure request timeouts", new RepoSnapshot(dir), null, false));
    }

    @Test
    void passesOnTheNginxFixtureAGoServerWithTimeoutsAndGunicornWithTimeout() throws Exception {
        write(dir, "go.mod", "module example.com/api\n\ngo 1.22\n");
        write(dir, "cmd/api/main.go", """
                package main

                import (
                	"net/http"
                	"time"
                )

                func main() {
                	mux := http.NewServeMux()
                	// http.ListenAndServe(":8080", mux) was the old way
                	srv := &http.Server{
                		Addr:              ":8080",
                		Handler:           mux,
                		ReadHeaderTimeout: 5 * time.Second,
                		ReadTimeout:       10 * time.Second,
                	}
                	srv.WriteTimeout = 30 * time.Second
                	srv.ListenAndServe()
                }
                """);
        write(dir, "deploy/gunicorn.service", "[Service]\nExecStart=/srv/app/venv/bin/gunicorn --workers 3 --timeout 60 app.wsgi:application\n");
        write(dir, "Procfile", "web: gunicorn -c deploy/gunicorn.conf.py app.wsgi\n");
        write(dir, "deploy/gunicorn.conf.py", "bind = '0.0.0.0:8000'\ntimeout = 45\n");
        write(dir, "requirements.txt", "django==5.0\ngunicorn==22.0.0\n");
        write(dir, ".github/workflows/ci.yml", "steps:\n  - run: pip install gunicorn django\n");

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("timeouts set in 3 place(s)");
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine("cmd/api/main.go", 11, "srv := &http.Server{"),
                new Evidence.FileLine("deploy/gunicorn.service", 2, "ExecStart=/srv/app/venv/bin/gunicorn --workers 3 --timeout 60 app.wsgi:application"),
                new Evidence.FileLine("deploy/gunicorn.conf.py", 2, "timeout = 45"));
    }

    @Test
    void failsOnBareListenAndServeAndAServerLiteralWithoutTimeouts() throws Exception {
        write(dir, "main.go", """
                package main

                import "net/http"

                func main() {
                	go http.ListenAndServe(":9090", metricsMux())
                	s := http.Server{Addr: ":8080", Handler: router()}
                	s.ListenAndServe()
                }
                """);

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("main.go", 6, "go http.ListenAndServe(\":9090\", metricsMux()) (http.ListenAndServe has no timeouts)"),
                new Evidence.FileLine("main.go", 7, "s := http.Server{Addr: \":8080\", Handler: router()} (no ReadHeaderTimeout/ReadTimeout, WriteTimeout)"));
        assertThat(outcome.remediation()).contains("ReadHeaderTimeout");
    }

    @Test
    void failsOnAGunicornTimeoutOfZero() throws Exception {
        write(dir, "Dockerfile", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"--timeout\", \"0\", \"app:app\"]\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("Dockerfile:2: CMD [\"gunicorn\", \"--timeout\", \"0\", \"app:app\"] (timeout 0 disables the worker timeout)");
    }

    @Test
    void warnsWhenNginxAndGunicornRelyOnDefaults() throws Exception {
        write(dir, "nginx/site.conf", "server {\n  listen 80;\n  location / {\n    proxy_pass http://unix:/run/gunicorn.sock;\n  }\n}\n");
        write(dir, "Procfile", "web: gunicorn app:app --workers 4\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.evidence()).containsExactly(
                new Evidence.FileLine("nginx/site.conf", 3, "location /: proxy_connect_timeout, proxy_read_timeout, send_timeout not set (nginx default 60s)"),
                new Evidence.FileLine("Procfile", 1, "web: gunicorn app:app --workers 4 (no --timeout: gunicorn's default 30s)"));
    }

    @Test
    void isNotApplicableWithoutAServerToConfigure() throws Exception {
        write(dir, "package.json", "{\"name\": \"x\", \"dependencies\": {\"express\": \"4.19.2\"}}\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).isEqualTo("no proxied nginx location, gunicorn command or Go HTTP server in the repository (stack: Node.js, Express)");
    }
}
