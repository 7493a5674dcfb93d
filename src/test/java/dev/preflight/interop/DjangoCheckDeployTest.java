package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.preflight.check.CheckContext;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.checks.config.DjangoDeployCheck;
import dev.preflight.collect.RepoSnapshot;

/**
 * Debian's python3-django runs {@code manage.py check --deploy} on the same settings modules that
 * config.django-deploy reads; both must name the same warnings, no more and no fewer.
 */
class DjangoCheckDeployTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern WARNING_ID = Pattern.compile("\\((security\\.[WE]\\d{3})\\)");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"startproject.py", "hardened.py", "partial.py", "no-middleware.py", "hsts-only.py"})
    void preflightRaisesExactlyTheWarningsDjangoRaises(String fixture) throws Exception {
        Path project = dir.resolve("proj");
        Files.createDirectories(project);
        Files.writeString(project.resolve("__init__.py"), "");
        ServerProcess.copyResource("django-deploy/urls.py", project);
        ServerProcess.copyResource("django-deploy/" + fixture, project);
        Files.move(project.resolve(fixture), project.resolve("settings.py"));
        ServerProcess.copyResource("django-deploy/manage.py", dir);

        Set<String> django = djangoWarnings();
        Outcome outcome = new DjangoDeployCheck().run(new CheckContext(Params.NONE, "python manage.py check --deploy", new RepoSnapshot(dir), null, false));
        Set<String> preflight = new TreeSet<>();
        for (Evidence e : outcome.evidence()) {
            Matcher m = Pattern.compile("^(security\\.[WE]\\d{3}):").matcher(e instanceof Evidence.FileLine f ? f.excerpt() : "");
            if (m.find()) {
                preflight.add(m.group(1));
            }
        }
        assertThat(django.isEmpty()).as("Django raises warnings on every fixture but the hardened one: %s", django)
                .isEqualTo(fixture.equals("hardened.py"));
        assertThat(preflight).as("warnings for %s (Django says %s)", fixture, django).isEqualTo(django);
    }

    private Set<String> djangoWarnings() throws IOException, InterruptedException {
        Path python = ServerProcess.program(PYTHON);
        Path log = dir.resolve("check.log");
        ProcessBuilder builder = new ProcessBuilder(python.toString(), "manage.py", "check", "--deploy", "--fail-level", "CRITICAL")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DJANGO_SETTINGS_MODULE", "proj.settings");
        builder.environment().remove("SECRET_KEY");
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("manage.py check --deploy did not finish");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("manage.py check --deploy exited with " + p.exitValue() + " (" + ServerProcess.INSTALL_HINT + "):\n" + out);
        }
        Set<String> ids = new TreeSet<>();
        Matcher m = WARNING_ID.matcher(out);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
