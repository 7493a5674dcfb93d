package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.PythonSettings;
import dev.preflight.collect.PythonSettings.Assignment;
import dev.preflight.collect.RepoSnapshot;

/** Flask configuration classes: what a production class inherits is its value, for every check that reads Python settings. */
class PythonClassesTest {
    @TempDir
    Path dir;

    @Test
    void passesWhenTheProductionClassOverridesWhatItsBaseSetsForDevelopment() throws Exception {
        Path good = Run.fixture("flask-config-classes-good");

        Outcome debug = Run.check(new DebugOffCheck(), good, "Set DEBUG=False");
        Outcome cookies = Run.check(new SessionCookiesCheck(), good, "Set secure session cookie settings");
        Outcome secret = Run.check(new SecretStrengthCheck(), good, "Change default SECRET_KEY", Map.of("setting", "SECRET_KEY"));
        Outcome upload = Run.check(new UploadLimitCheck(), good, "File upload limits - 16MB max size", Map.of("maxSize", "16MB"));

        assertThat(debug.status()).as(debug.toString()).isEqualTo(Status.PASS);
        assertThat(debug.evidence()).containsExactly(new Evidence.FileLine("config/production.py", 8, "DEBUG = False"));
        assertThat(cookies.status()).as(cookies.toString()).isEqualTo(Status.PASS);
        assertThat(cookies.evidence()).extracting(Evidence::describe).containsExactly(
                "config/production.py:9: SESSION_COOKIE_SECURE = True",
                "config/base.py:10: SESSION_COOKIE_HTTPONLY = True",
                "config/base.py:11: SESSION_COOKIE_SAMESITE = \"Lax\"");
        assertThat(secret.status()).as(secret.toString()).isEqualTo(Status.PASS);
        assertThat(upload.status()).as(upload.toString()).isEqualTo(Status.PASS);
        assertThat(upload.evidence()).extracting(Evidence::describe)
                .containsExactly("config/production.py:10: MAX_CONTENT_LENGTH = 16 * 1024 * 1024 (16 MB)");
    }

    @Test
    void failsOnInsecureValuesTheProductionClassInheritsWithoutOverriding() throws Exception {
        Path bad = Run.fixture("flask-config-classes");

        Outcome debug = Run.check(new DebugOffCheck(), bad, "Set DEBUG=False");
        Outcome cookies = Run.check(new SessionCookiesCheck(), bad, "Set secure session cookie settings");
        Outcome secret = Run.check(new SecretStrengthCheck(), bad, "Change default SECRET_KEY", Map.of("setting", "SECRET_KEY"));
        Outcome upload = Run.check(new UploadLimitCheck(), bad, "File upload limits - 16MB max size", Map.of("maxSize", "16MB"));

        assertThat(debug.status()).as("ProductionConfig overrides the base's DEBUG = True").isEqualTo(Status.PASS);
        assertThat(cookies.status()).isEqualTo(Status.FAIL);
        assertThat(cookies.summary()).isEqualTo("session cookie: config/base.py:9: SESSION_COOKIE_SECURE = False (the cookie goes over plain HTTP)");
        assertThat(secret.status()).isEqualTo(Status.FAIL);
        assertThat(secret.evidence()).extracting(Evidence::describe)
                .containsExactly("config/base.py:7: SECRET_KEY=d… (default when SECRET_KEY is unset: 7 characters, fewer than 32)");
        assertThat(upload.status()).isEqualTo(Status.FAIL);
        assertThat(upload.summary()).isEqualTo("upload limit: config/base.py:12: MAX_CONTENT_LENGTH = 64 * 1024 * 1024 (64 MB, more than 16 MB)");
    }

    @Test
    void failsOnABaseValueOnlyOnceWhenSeveralDeploymentClassesInheritIt() throws Exception {
        write(dir, "requirements.txt", "Flask==3.0.3\n");
        write(dir, "settings.py", """
                class Base:
                    DEBUG = True


                class ProductionConfig(Base):
                    pass


                class StagingConfig(Base):
                    pass
                """);

        Outcome debug = Run.check(new DebugOffCheck(), dir, "Set DEBUG=False");

        assertThat(debug.status()).isEqualTo(Status.FAIL);
        assertThat(debug.evidence()).containsExactly(new Evidence.FileLine("settings.py", 2, "DEBUG = True"));
    }

    @Test
    void inheritsInPythonsMethodResolutionOrderAcrossModules() throws Exception {
        write(dir, "conf/base.py", """
                class Config:
                    LOG_LEVEL = "debug"
                    DEBUG = True


                class Quiet(Config):
                    LOG_LEVEL = "warning"
                """);
        write(dir, "conf/mixins.py", """
                from conf.base import Config


                class Secure(Config):
                    DEBUG = False
                """);
        write(dir, "conf/prod.py", """
                from conf import base
                from .mixins import *


                class ProductionConfig(Secure, base.Quiet):
                    pass
                """);

        Map<String, Assignment> production = PythonConfig.modules(new RepoSnapshot(dir)).stream()
                .filter(m -> m.path().equals("conf/prod.py")).findFirst().orElseThrow()
                .classes().get("ProductionConfig").attributes();

        // C3 puts Quiet before Config: Secure, Quiet, Config (depth-first would take Config's "debug").
        assertThat(production.get("LOG_LEVEL").value()).isEqualTo(new PythonSettings.Str("warning"));
        assertThat(production.get("DEBUG").file()).isEqualTo("conf/mixins.py");
        assertThat(PythonConfig.assignments(new RepoSnapshot(dir))).extracting(Assignment::name, Assignment::file)
                .as("the bases are judged through ProductionConfig")
                .containsExactlyInAnyOrder(tuple("DEBUG", "conf/mixins.py"), tuple("LOG_LEVEL", "conf/base.py"));
    }
}
