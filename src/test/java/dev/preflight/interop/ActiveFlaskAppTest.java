package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Status;
import dev.preflight.report.Report;

/**
 * http.auth, http.upload-limit and http.injection against a real Flask app on Debian's Flask and
 * Python's sqlite3 (interop/flask/active.py): each check passes on the route written right and fails
 * on the one written wrong, on the real framework's and the real database's answers.
 */
class ActiveFlaskAppTest {
    private static final String API_KEY = "k-interop-5c1d9e2f7a";

    @TempDir
    Path dir;

    private Report run(String fault, String bind, Map<String, String> headers) throws Exception {
        try (ServerProcess app = FlaskApp.python("flask-active", "flask/active.py", dir, fault)) {
            return ActiveRun.check(dir, app.url(), ActiveRun.manual("security/rate-limiting-enabled-on-api-endpoints") + bind, headers, null);
        }
    }

    private static String bindings(String items, String injection, String xss) {
        return ActiveRun.bind("security/test-api-key-authentication", "http.auth", items)
               + ActiveRun.bind("security/file-upload-limits-1mb-max-size", "http.upload-limit", "/upload")
               + ActiveRun.bind("security/test-file-type-validation", "http.upload-limit", "/upload")
               + ActiveRun.bind("security/test-sql-injection-attempts", "http.injection", injection)
               + ActiveRun.bind("security/test-xss-attempts", "http.injection", xss);
    }

    @Test
    void everyCheckPassesOnTheRoutesWrittenRight() throws Exception {
        Report report = run("", bindings("/api/items", "/lookup?q=shoes", "/hello?name=dana"), Map.of("X-API-Key", API_KEY));

        Report.CheckReport auth = ActiveRun.result(report, ActiveRun.AUTH, "http.auth");
        assertThat(auth.status()).as(auth.summary()).isEqualTo(Status.PASS);
        assertThat(auth.summary()).isEqualTo("/api/items refused no credential, an invalid X-API-Key value and accepted the --header values (200)");
        Report.CheckReport size = ActiveRun.result(report, ActiveRun.UPLOAD_SIZE, "http.upload-limit");
        assertThat(size.status()).as(size.summary()).isEqualTo(Status.PASS);
        assertThat(size.summary()).contains("refused an upload of 1.1 MiB (over 1MB) with 413");
        Report.CheckReport types = ActiveRun.result(report, ActiveRun.UPLOAD_TYPES, "http.upload-limit");
        assertThat(types.status()).as(types.summary()).isEqualTo(Status.PASS);
        assertThat(types.summary()).isEqualTo("/upload: accepted an ordinary PNG (201); refused preflight-probe.exe (415); refused preflight-probe.php (415)");
        for (String item : new String[] {ActiveRun.SQL_INJECTION, ActiveRun.XSS}) {
            Report.CheckReport injection = ActiveRun.result(report, item, "http.injection");
            assertThat(injection.status()).as(injection.summary()).isEqualTo(Status.PASS);
        }
    }

    @Test
    void everyCheckFailsOnTheRoutesWrittenWrong() throws Exception {
        Report report = run("no-limits", bindings("/api/open-items", "/search?q=shoes", "/greet?name=dana"), Map.of("X-API-Key", API_KEY));

        Report.CheckReport auth = ActiveRun.result(report, ActiveRun.AUTH, "http.auth");
        assertThat(auth.status()).as(auth.summary()).isEqualTo(Status.FAIL);
        assertThat(auth.summary()).startsWith("/api/open-items: accepted a request with no credential (200)");
        Report.CheckReport size = ActiveRun.result(report, ActiveRun.UPLOAD_SIZE, "http.upload-limit");
        assertThat(size.status()).as(size.summary()).isEqualTo(Status.FAIL);
        assertThat(size.summary()).startsWith("/upload: accepted an upload of 1.1 MiB (over 1MB) (201");
        Report.CheckReport types = ActiveRun.result(report, ActiveRun.UPLOAD_TYPES, "http.upload-limit");
        assertThat(types.status()).as(types.summary()).isEqualTo(Status.FAIL);
        assertThat(types.summary()).isEqualTo("/upload: accepted preflight-probe.exe (201); accepted preflight-probe.php (201)");
        Report.CheckReport sql = ActiveRun.result(report, ActiveRun.SQL_INJECTION, "http.injection");
        assertThat(sql.status()).as(sql.summary()).isEqualTo(Status.FAIL);
        // sqlite3's own message for a stray quote, as str(e) put it into the JSON answer.
        assertThat(sql.summary()).contains("SQLite error text (").contains("unrecognized token: ").contains("for `'` in q");
        Report.CheckReport xss = ActiveRun.result(report, ActiveRun.XSS, "http.injection");
        assertThat(xss.status()).as(xss.summary()).isEqualTo(Status.FAIL);
        assertThat(xss.summary()).contains("reflected unescaped in text/html; charset=utf-8 for `<script>alert('preflight-xss')</script>` in name");
    }
}
