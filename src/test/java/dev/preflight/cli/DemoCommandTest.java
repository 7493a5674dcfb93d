package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @Test
    void demoRunsEndToEndAndShowsEveryKindOfOutcome(@TempDir Path dir) throws Exception {
        CliProcess demo = CliProcess.run(dir, "demo");

        assertThat(demo.exitCode()).as(demo.stderr()).isZero();
        assertThat(demo.stdout())
                .contains("False claims")
                .contains("PASS", "FAIL", "MANUAL", "ATTESTED", "WAIVED", "SKIP")
                .contains("Verdict: NO-GO");
        assertThat(demo.stderr()).contains("sample service on http://127.0.0.1:");
        Path html = dir.resolve("report.html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("Metrics endpoint");
    }

    @Test
    void demoLeavesNoTemporaryProjectBehind(@TempDir Path dir) throws Exception {
        CliProcess demo = CliProcess.run(dir, "demo", "--html", dir.resolve("out.html").toString());

        String repo = demo.stderr().replaceAll("(?s).*repository in (\\S+).*", "$1");
        assertThat(Path.of(repo)).doesNotExist();
        assertThat(dir.resolve("out.html")).exists();
    }
}
