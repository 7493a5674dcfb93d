package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.collect.Stack.Component;

class StackTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void detectsADjangoServiceWithGunicornDockerAndNginx() throws IOException {
        write("requirements.txt", "Django==4.2.7\ngunicorn==21.2.0\ndj-database-url\n");
        write("manage.py", "import os\n");
        write("Dockerfile", "FROM python:3.12-slim\n");
        write("deploy/nginx/site.conf", "server { server_name example.com; location / { proxy_pass http://app; } }\n");

        Stack stack = new RepoSnapshot(dir).stack();

        assertThat(stack.components()).containsExactlyInAnyOrder(Component.PYTHON, Component.DJANGO, Component.GUNICORN,
                Component.DOCKER, Component.NGINX);
        assertThat(stack.describe()).isEqualTo("Python, Django, gunicorn, Docker, nginx");
    }

    @Test
    void detectsNodeExpressComposeAndKubernetes() throws IOException {
        write("package.json", "{\"dependencies\": {\"express\": \"^4.19.2\", \"helmet\": \"^7\"}}");
        write("docker-compose.yml", "services:\n  web:\n    image: app\n");
        write("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");

        assertThat(new RepoSnapshot(dir).stack().components())
                .containsExactlyInAnyOrder(Component.NODE, Component.EXPRESS, Component.COMPOSE, Component.KUBERNETES);
    }

    @Test
    void detectsGoAndSpringBootAndFastapiFromPyproject() throws IOException {
        write("svc/go.mod", "module example.com/svc\n");
        write("api/pom.xml", "<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent></project>");
        write("ml/pyproject.toml", "[project]\ndependencies = [\"fastapi>=0.110\", \"uvicorn[standard]\"]\n");

        assertThat(new RepoSnapshot(dir).stack().components()).containsExactlyInAnyOrder(Component.GO, Component.JAVA,
                Component.SPRING_BOOT, Component.PYTHON, Component.FASTAPI, Component.UVICORN);
    }

    @Test
    void anEmptyRepositoryHasNoKnownStack() {
        assertThat(new RepoSnapshot(dir).stack().describe()).isEqualTo("no known stack");
    }
}
