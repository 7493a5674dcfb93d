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

class SoftwareVersionCheckTest {
    @TempDir
    Path root;

    /** An image's /usr/bin as Debian lays it out: python3 a link to python3.11, nginx in /usr/sbin. */
    private HostRoot image() throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        Path sbin = Files.createDirectories(root.resolve("usr/sbin"));
        executable(bin.resolve("python3.11"));
        Files.createSymbolicLink(bin.resolve("python3"), Path.of("python3.11"));
        executable(sbin.resolve("nginx"));
        executable(bin.resolve("ffprobe"));
        Files.writeString(bin.resolve("pip3"), "not executable\n");
        return HostRoot.mounted(root);
    }

    private static void executable(Path file) throws Exception {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void passesOnAMountedRootFromTheVersionInTheLinksTarget() throws Exception {
        Outcome outcome = Hosts.check(new SoftwareVersionCheck(), image(), "Python 3.10+ installed", Map.of("software", "python", "minVersion", "3.10"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("python 3.11 (at least 3.10) on the host root ");
        assertThat(outcome.evidence()).containsExactly(new Evidence.Note("python: /usr/bin/python3 version 3.11 (version from the file name it links to)"));
    }

    @Test
    void passesWhenOneOfTheAlternativesIsPresent() throws Exception {
        HostRoot image = image();
        assertThat(Hosts.check(new SoftwareVersionCheck(), image, "Nginx or Apache installed", Map.of("software", "nginx|apache")).status())
                .isEqualTo(Status.PASS);
        assertThat(Hosts.check(new SoftwareVersionCheck(), image, "FFprobe binary available", Map.of("software", "ffprobe")).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenAnyOfTheNamedSoftwareIsMissingOrNotExecutable() throws Exception {
        Outcome outcome = Hosts.check(new SoftwareVersionCheck(), image(), "pip and virtualenv installed", Map.of("software", "pip,virtualenv"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("not installed: pip, virtualenv on the host root ");
    }

    @Test
    void failsWhenTheVersionIsUnderTheItemsMinimum() throws Exception {
        Outcome outcome = Hosts.check(new SoftwareVersionCheck(), image(), "Python 3.12+ installed", Map.of("software", "python", "minVersion", "3.12"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("older than 3.12+: python 3.11 on the host root ");
    }

    @Test
    void warnsWhenAMountedRootCannotTellTheVersion() throws Exception {
        Outcome outcome = Hosts.check(new SoftwareVersionCheck(), image(), "Nginx 1.20+ installed", Map.of("software", "nginx", "minVersion", "1.20"));

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).contains("nginx installed, version not known on the host root ")
                .contains("(a mounted root runs nothing; give --host on the machine to read versions)");
    }

    @Test
    void passesOnThisMachineByRunningPythonForItsVersion() {
        assertThat(Path.of("/usr/bin/python3")).as("python3 is part of this machine's toolset (see the env skill)").isExecutable();

        Outcome outcome = Hosts.check(new SoftwareVersionCheck(), HostRoot.live(), "Python 3.10+ installed", Map.of("software", "python", "minVersion", "3.10"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.evidence().getFirst().describe()).matches("python: /usr/(local/)?bin/python3 version 3\\.\\d+\\.\\d+ \\(from python3 --version\\)");
    }

    @Test
    void anItemWithoutSoftwareIsUnverified() throws Exception {
        Outcome outcome = Hosts.check(new SoftwareVersionCheck(), image(), "Required binary available", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.skip()).isEqualTo(Outcome.Skip.UNVERIFIED);
    }
}
