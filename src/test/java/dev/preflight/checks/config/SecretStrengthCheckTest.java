package dev.preflight.checks.config;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;

class SecretStrengthCheckTest {
    private static final String STRONG = "Zq3v9Lm2Xr7Tb4Nc8Wd1Hy6Kf5Jp0Gs3Ue7Ia2Ob9Qx4Vn8Ml1Ct6Ry";

    @TempDir
    Path dir;

    @Test
    void passesWhenSettingsReadTheEnvironmentAndEachEnvironmentHasItsOwnKey() throws Exception {
        write(dir, "requirements.txt", "Django==4.2.7\n");
        write(dir, "proj/settings.py", "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n");
        write(dir, ".env.example", "SECRET_KEY=change-me\nPOSTGRES_PASSWORD=\n");
        write(dir, ".env.production", "SECRET_KEY=" + STRONG + "\nPOSTGRES_PASSWORD=Vb8nQ2xL5pZr9TkW\n");
        write(dir, ".env.staging", "SECRET_KEY=" + STRONG.toLowerCase() + "Q\n");

        Outcome outcome = Run.check(new SecretStrengthCheck(), dir, "Use strong database password");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).contains(
                new Evidence.FileLine(".env.production", 1, "SECRET_KEY=Zq3v… (55 characters)"),
                new Evidence.FileLine("proj/settings.py", 2, "SECRET_KEY from the environment (SECRET_KEY), set in .env.production:1, .env.staging:1"));
        assertThat(outcome.toString()).doesNotContain(STRONG, "Vb8nQ2");
    }

    @Test
    void failsOnPlaceholdersShortKeysCopiedTemplatesAndSharedValues() throws Exception {
        write(dir, "proj/settings.py", "SECRET_KEY = 'django-insecure-k2#x9l@p0m$v7b8n&c3z4q!w5e6r^t1y'\n");
        write(dir, "app/config.py", "import os\nJWT_SECRET = os.getenv('JWT_SECRET', 'your-secret-key')\n");
        write(dir, ".env.example", "API_KEY_SALT=s4lt-from-the-readme-0123456789abcdef\n");
        write(dir, ".env.production", "API_KEY_SALT=s4lt-from-the-readme-0123456789abcdef\nSESSION_SECRET=short\nDB_PASSWORD=" + STRONG + "\n");
        write(dir, "docker-compose.staging.yml", "services:\n  db:\n    environment:\n      DB_PASSWORD: " + STRONG + "\n");

        Outcome outcome = Run.check(new SecretStrengthCheck(), dir, "Generate new API_KEY_SALT");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactlyInAnyOrder(
                "app/config.py:2: JWT_SECRET=you… (default when JWT_SECRET is unset: a placeholder)",
                "proj/settings.py:1: SECRET_KEY=djan… (Django's generated development key (django-insecure-))",
                ".env.production:1: API_KEY_SALT=s4lt… (the value of the committed template)",
                ".env.production:2: SESSION_SECRET=s… (5 characters, fewer than 32)",
                ".env.production:3: DB_PASSWORD=Zq3v… (the same value as docker-compose.staging.yml:4)");
        assertThat(outcome.toString()).doesNotContain(STRONG, "s4lt-from", "k2#x9");
    }

    @Test
    void failsOnTheItemsOwnLengthAndCharacterRules() throws Exception {
        write(dir, ".env.production", "JWT_SECRET=abcdefghijklmnopqrstu\n");

        Outcome mixed = Run.check(new SecretStrengthCheck(), dir, "JWT_SECRET: min 16 characters, mixed case + symbols",
                Map.of("minLength", "16", "setting", "JWT_SECRET"));
        Outcome longer = Run.check(new SecretStrengthCheck(), dir, "JWT_SECRET min 24 characters", Map.of("minLength", "24"));

        assertThat(mixed.summary()).isEqualTo(".env.production:1: JWT_SECRET=abcd… (not mixed case)");
        assertThat(longer.summary()).isEqualTo(".env.production:1: JWT_SECRET=abcd… (21 characters, fewer than 24)");
    }

    @Test
    void skipsWhenNoSecretIsConfiguredHere() throws Exception {
        write(dir, "README.md", "# app\n");

        assertThat(Run.check(new SecretStrengthCheck(), dir, "Change default SECRET_KEY", Map.of("setting", "SECRET_KEY")).status())
                .isEqualTo(Status.SKIP);
    }

    @Test
    void passesOnTheDjangoFixtureAndFailsOnTheFlaskOne() throws Exception {
        Outcome django = Run.check(new SecretStrengthCheck(), Run.fixture("django-good"), "Generate new SECRET_KEY");
        Outcome flask = Run.check(new SecretStrengthCheck(), Run.fixture("flask-bad"), "Change default SECRET_KEY in production",
                Map.of("setting", "SECRET_KEY"));

        assertThat(django.status()).as(django.toString()).isEqualTo(Status.PASS);
        assertThat(flask.evidence()).extracting(Evidence::describe).containsExactly(
                "app.py:6: SECRET_KEY=su… (11 characters, fewer than 32)",
                "config.py:8: SECRET_KEY=you… (default when SECRET_KEY is unset: a placeholder)",
                "config.py:5: SECRET_KEY=… (default when SECRET_KEY is unset: a placeholder)",
                ".env:3: SECRET_KEY=3f9a… (the value of the committed template)",
                "docker-compose.yml:7: SECRET_KEY=ch… (a placeholder)");
    }

    @Test
    void failsOnADjangoKeyShorterThanDjangosFiftyEvenWhenReadFromTheEnvironment() throws Exception {
        write(dir, "requirements.txt", "Django==4.2.7\n");
        write(dir, "proj/settings.py", "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n");
        write(dir, ".env.production", "DJANGO_SECRET_KEY=" + STRONG.substring(0, 40) + "\n");

        assertThat(Run.check(new SecretStrengthCheck(), dir, "Generate new SECRET_KEY").summary())
                .isEqualTo(".env.production:1: DJANGO_SECRET_KEY=Zq3v… (40 characters, fewer than 50)");
        assertThat(Run.check(new SecretStrengthCheck(), dir, "Generate new SECRET_KEY", Map.of("setting", "SECRET_KEY")).summary())
                .as("the item names SECRET_KEY; the settings read it from DJANGO_SECRET_KEY, which is followed")
                .isEqualTo(".env.production:1: DJANGO_SECRET_KEY=Zq3v… (40 characters, fewer than 50)");
    }

    @Test
    void passesOnStrongKubernetesSecretsFollowedFromTheSettingsThatReadThem() throws Exception {
        Outcome outcome = Run.check(new SecretStrengthCheck(), Run.fixture("k8s-secrets-good"), "Use strong secrets");

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence()).extracting(Evidence::describe).contains(
                "k8s/secret.yaml:7: SECRET_KEY=Zq3v… (55 characters)",
                "k8s/secret.yaml:8: db-password=Vb8n… (20 characters)",
                "k8s/secret.yaml:10: JWT_SECRET=hT4k… (32 characters)",
                "app/settings.py:3: SECRET_KEY from the environment (SECRET_KEY), set in k8s/secret.yaml:7");
        assertThat(outcome.evidence()).extracting(Evidence::describe).noneMatch(e -> e.contains("signing.key"));
        assertThat(outcome.toString()).doesNotContain("Zq3v9Lm", "Vb8nQ2x", "hT4kW9p");
    }

    @Test
    void failsOnWeakKubernetesSecretValuesInStringDataAndDecodedData() throws Exception {
        Outcome outcome = Run.check(new SecretStrengthCheck(), Run.fixture("k8s-secrets"), "Use strong secrets");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactlyInAnyOrder(
                "k8s/secret.yaml:7: SECRET_KEY=ch… (a placeholder)",
                "k8s/secret.yaml:8: db-password=po… (a placeholder)",
                "k8s/secret.yaml:11: JWT_SECRET=sh… (9 characters, fewer than 32)",
                "k8s/secret.yaml:12: api-token=your… (a placeholder)");
        assertThat(outcome.toString()).doesNotContain("changeme", "postgres", "short-jwt", "your-api-token", "c2hvcnQtand0");
    }

    @Test
    void failsOnAKubernetesSecretWhoseDataIsNotBase64AndJudgesTheRest() throws Exception {
        write(dir, "k8s/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: app
                data:
                  SESSION_SECRET: not base64!
                  API_KEY: ZGV2
                """);

        Outcome outcome = Run.check(new SecretStrengthCheck(), dir, "Use strong secrets");

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.evidence()).extracting(Evidence::describe).containsExactly(
                "k8s/secret.yaml:7: API_KEY=… (a placeholder)",
                "k8s/secret.yaml:6: data.SESSION_SECRET is not base64, which Kubernetes rejects");
    }
}
