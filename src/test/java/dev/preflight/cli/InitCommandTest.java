package dev.preflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.binding.Binder;
import dev.preflight.binding.Binding;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.config.ConfigLoader;
import dev.preflight.config.PreflightConfig;

class InitCommandTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<Binding> bindings() throws Exception {
        PreflightConfig config = ConfigLoader.load(dir.resolve("preflight.yaml"));
        Checklist checklist = new ChecklistParser().parse(dir.resolve(config.checklist()));
        return new Binder(Catalog.standard(), config).bind(checklist);
    }

    @Test
    void aDjangoServiceGetsAChecklistWhoseEveryItemIsBound() throws Exception {
        write("requirements.txt", "Django==5.0\ngunicorn==22.0\n");
        write("manage.py", "");
        write("Dockerfile", "FROM python:3.12\n");
        write("docker-compose.yml", "services:\n  web:\n    build: .\n");
        write("deploy/nginx.conf", "server { server_name x; location / { proxy_pass http://app; } }\n");
        write("deploy/app.service", "[Service]\nExecStart=/usr/bin/gunicorn\n");

        assertThat(Main.run("init", "--dir", dir.toString())).isZero();

        String checklist = Files.readString(dir.resolve("PRODUCTION_CHECKLIST.md"));
        assertThat(checklist).contains("for: Python, Django, gunicorn, Docker, Docker Compose, nginx, systemd")
                .contains("- [ ] Set `DEBUG=False`").contains("- [ ] Configure Gunicorn with 2-4 workers per CPU core")
                .contains("- [ ] Set `client_max_body_size` (for file uploads)").doesNotContain("NODE_ENV");
        List<Binding> bindings = bindings();
        assertThat(bindings).hasSizeGreaterThan(35);
        assertThat(bindings).allSatisfy(b -> assertThat(b.checks()).as(b.item().text()).isNotEmpty());
    }

    @Test
    void anEmptyDirectoryGetsTheItemsEveryServiceNeeds() throws Exception {
        assertThat(Main.run("init", "--dir", dir.toString())).isZero();

        String checklist = Files.readString(dir.resolve("PRODUCTION_CHECKLIST.md"));
        assertThat(checklist).contains("for: no known stack").contains("`/health` endpoint returns 200")
                .doesNotContain("DEBUG=False").doesNotContain("Dockerfile");
        assertThat(bindings()).allSatisfy(b -> assertThat(b.checks()).as(b.item().text()).isNotEmpty());
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        write("PRODUCTION_CHECKLIST.md", "# Ours\n- [x] Hand-written\n");

        assertThat(Main.run("init", "--dir", dir.toString())).isZero();

        assertThat(Files.readString(dir.resolve("PRODUCTION_CHECKLIST.md"))).isEqualTo("# Ours\n- [x] Hand-written\n");
        assertThat(dir.resolve("preflight.yaml")).exists();
        String config = Files.readString(dir.resolve("preflight.yaml"));
        assertThat(Main.run("init", "--dir", dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("preflight.yaml"))).isEqualTo(config);
    }

    @Test
    void aMissingDirectoryIsBadInput() {
        assertThat(Main.run("init", "--dir", dir.resolve("nope").toString())).isEqualTo(Main.BAD_INPUT);
    }
}
