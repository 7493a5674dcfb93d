package dev.preflight.collect;

import static dev.preflight.collect.GitRepo.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.DeployEnvironment.Setting;

class DeployEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void collectsEnvFilesComposeAndKubernetesWithLines() throws Exception {
        write(dir, ".env.production", "SECRET_KEY=abc\n");
        write(dir, "docker-compose.yml", """
                services:
                  web:
                    image: app
                    environment:
                      DEBUG: "False"
                      SECRET_KEY: ${SECRET_KEY}
                  worker:
                    environment:
                      - JWT_SECRET=jwt-value
                """);
        write(dir, "k8s/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: LOG_LEVEL
                              value: info
                            - name: SECRET_KEY
                              valueFrom:
                                secretKeyRef: {name: app, key: secret}
                """);
        write(dir, "compose.broken.yml", "services:\n  web: [\n");

        DeployEnvironment env = DeployEnvironment.of(new RepoSnapshot(dir));

        assertThat(env.settings()).containsExactlyInAnyOrder(
                new Setting(".env.production", 1, "SECRET_KEY", "abc", false),
                new Setting("docker-compose.yml", 5, "DEBUG", "False", false),
                new Setting("docker-compose.yml", 6, "SECRET_KEY", "${SECRET_KEY}", true),
                new Setting("docker-compose.yml", 9, "JWT_SECRET", "jwt-value", false),
                new Setting("k8s/deployment.yaml", 10, "LOG_LEVEL", "info", false),
                new Setting("k8s/deployment.yaml", 11, "SECRET_KEY", "valueFrom", true));
        assertThat(env.problems()).singleElement().asString().startsWith("compose.broken.yml: cannot parse at 3:1");
    }

    @Test
    void readsKubernetesSecretsPlainAndDecodedLeavingOutKeysCertificatesAndBinaries() throws Exception {
        write(dir, "k8s/secrets.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: app
                stringData:
                  SECRET_KEY: plain-value
                  DB_PASSWORD: ${DB_PASSWORD}
                data:
                  JWT_SECRET: |
                    and0LXZh
                    bHVl
                  keystore: MIIK//4A
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: tls
                type: kubernetes.io/tls
                data:
                  tls.key: a2V5
                """);

        DeployEnvironment env = DeployEnvironment.of(new RepoSnapshot(dir));

        assertThat(env.settings()).containsExactly(
                new Setting("k8s/secrets.yaml", 9, "JWT_SECRET", "jwt-value", false),
                new Setting("k8s/secrets.yaml", 6, "SECRET_KEY", "plain-value", false),
                new Setting("k8s/secrets.yaml", 7, "DB_PASSWORD", "${DB_PASSWORD}", true));
        assertThat(env.problems()).isEmpty();
    }

    @Test
    void namesEnvironmentsTemplatesAndDevelopmentFiles() {
        assertThat(DeployEnvironment.environmentOf(".env.production")).isEqualTo("production");
        assertThat(DeployEnvironment.environmentOf("deploy/.env.stage")).isEqualTo("staging");
        assertThat(DeployEnvironment.environmentOf(".env")).isEqualTo("default");
        assertThat(DeployEnvironment.environmentOf("docker-compose.prod.yml")).isEqualTo("production");
        assertThat(DeployEnvironment.isTemplate(".env.example")).isTrue();
        assertThat(DeployEnvironment.isDevelopment(".env.dev")).isTrue();
        assertThat(DeployEnvironment.isDevelopment("proj/settings/local.py")).isTrue();
        assertThat(DeployEnvironment.isDevelopment("proj/settings/production.py")).isFalse();
    }
}
