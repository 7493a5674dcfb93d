package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class PermissionsCheckTest {
    private static final String ITEM = "Configure proper file permissions (755 for directories, 644 for files)";
    private static final Map<String, String> MODES = Map.of("dirMode", "755", "fileMode", "644");

    @TempDir
    Path root;

    /** A deployed app as a careful admin leaves it: permissions cannot live in git, so the root is built here. */
    private Path app() throws Exception {
        Path app = Files.createDirectories(root.resolve("srv/app"));
        Files.createDirectories(app.resolve("static/css"));
        Files.createDirectories(app.resolve("venv/bin"));
        write(app.resolve("app.py"), "rw-r--r--");
        write(app.resolve("static/css/site.css"), "rw-r--r--");
        write(app.resolve("venv/bin/python"), "rwxr-xr-x");
        write(app.resolve(".env"), "rw-------");
        write(app.resolve(".env.example"), "rw-r--r--");
        for (Path d : new Path[] {root.resolve("srv"), app, app.resolve("static"), app.resolve("static/css"), app.resolve("venv"), app.resolve("venv/bin")}) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return app;
    }

    private static void write(Path file, String mode) throws Exception {
        Files.writeString(file, "x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @Test
    void passesOnACarefullyDeployedApp() throws Exception {
        app();

        Outcome outcome = Hosts.check(new PermissionsCheck(), HostRoot.mounted(root), ITEM, MODES);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("directories within 755, files within 644, nothing world-writable, .env owner-only in "
                + "/srv/app (5 directories, 5 files)");
    }

    @Test
    void failsOnWorldWritableFilesAReadableEnvAndLooseDirectories() throws Exception {
        Path app = app();
        Files.setPosixFilePermissions(app.resolve("static"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(app.resolve(".env"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(app.resolve("venv"), PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(app.resolve("app.py"), PosixFilePermissions.fromString("rw-rw-r--"));

        Outcome outcome = Hosts.check(new PermissionsCheck(), HostRoot.mounted(root), ITEM, Map.of("dirMode", "755", "fileMode", "644",
                "location", "/srv/app"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("4 permission problem(s) in /srv/app (5 directories, 5 files): ");
        String owner = outcome.evidence().getFirst().describe().replaceAll(".*\\((\\S+)\\).*", "$1");
        assertThat(outcome.evidence()).contains(
                new Evidence.Note("/srv/app/static 777 (" + owner + "): world-writable"),
                new Evidence.Note("/srv/app/.env 644 (" + owner + "): a .env file readable by others than its owner (wanted 600 or 400)"),
                new Evidence.Note("/srv/app/venv 775 (" + owner + "): directory mode beyond 755"),
                new Evidence.Note("/srv/app/app.py 664 (" + owner + "): file mode beyond 644"));
    }

    @Test
    void aMissingLocationIsAnErrorAndNoAppDirectoryIsUnverified() throws Exception {
        Outcome missing = Hosts.check(new PermissionsCheck(), HostRoot.mounted(root), ITEM, Map.of("location", "/srv/nope"));
        Outcome none = Hosts.check(new PermissionsCheck(), HostRoot.mounted(root), "Set correct file permissions", Map.of());

        assertThat(missing.status()).isEqualTo(Status.ERROR);
        assertThat(missing.summary()).startsWith("/srv/nope is not a directory on the host root ");
        assertThat(none.status()).isEqualTo(Status.SKIP);
        assertThat(none.skip()).isEqualTo(Outcome.Skip.UNVERIFIED);
    }
}
