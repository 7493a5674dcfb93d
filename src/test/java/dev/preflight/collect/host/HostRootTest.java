package dev.preflight.collect.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRootTest {
    @TempDir
    Path dir;

    @Test
    void anAbsoluteSymlinkIsFollowedInsideTheRootNotOnThisMachine() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc/alternatives"));
        Files.writeString(root.resolve("etc/alternatives/config"), "inside\n");
        Files.createSymbolicLink(root.resolve("etc/config"), Path.of("/etc/alternatives/config"));

        HostRoot host = HostRoot.mounted(root);

        assertThat(host.read("/etc/config")).contains("inside\n");
        assertThat(host.resolve("/etc/config")).contains(root.toRealPath().resolve("etc/alternatives/config"));
    }

    @Test
    void dotDotAndRelativeLinksStopAtTheRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("secret"), "outside\n");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("secret"), "root's own\n");
        Files.createSymbolicLink(root.resolve("etc/escape"), Path.of("../../../../secret"));

        HostRoot host = HostRoot.mounted(root);

        assertThat(host.read("/etc/escape")).contains("root's own\n");
        assertThat(host.read("/../secret")).contains("root's own\n");
    }

    @Test
    void aLinkLoopOrAMissingFileIsEmptyNotAnError() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("a"), Path.of("/b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));

        HostRoot host = HostRoot.mounted(root);

        assertThat(host.read("/a")).isEmpty();
        assertThat(host.read("/etc/nothing")).isEmpty();
        assertThat(host.list("/etc")).isEmpty();
    }

    @Test
    void aMountedRootRunsNothingAndTheLiveHostRunsWithATimeout() throws Exception {
        assertThat(HostRoot.mounted(dir).run(Duration.ofSeconds(5), "/usr/bin/python3", "--version"))
                .isEqualTo(new HostRoot.Run.NotRun("running commands needs the live host (--host), not a mounted root"));

        assertThat(Path.of("/usr/bin/python3")).as("python3 is part of this machine's toolset (see the env skill)").isExecutable();
        HostRoot.Run run = HostRoot.live().run(Duration.ofSeconds(10), "/usr/bin/python3", "--version");
        assertThat(run).isInstanceOfSatisfying(HostRoot.Run.Done.class, done -> {
            assertThat(done.exitCode()).isZero();
            assertThat(done.output()).startsWith("Python 3.");
        });
    }

    @Test
    void spaceIsTheFilesystemHoldingThePath() throws Exception {
        HostRoot.Space space = HostRoot.mounted(dir).space("/").orElseThrow();

        assertThat(space.total()).isPositive();
        assertThat(space.usable()).isBetween(0L, space.total());
        assertThat(HostRoot.mounted(dir).space("/no/such/dir")).isEmpty();
    }
}
