package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class TimeSyncCheckTest {
    private static final String ITEM = "Configure time sync (NTP)";

    @TempDir
    Path root;

    private void unit(String name) throws Exception {
        Files.createDirectories(root.resolve("lib/systemd/system"));
        Files.writeString(root.resolve("lib/systemd/system/" + name), "[Service]\n");
    }

    @Test
    void passesWhenTimesyncdIsEnabledAtBoot() throws Exception {
        unit("systemd-timesyncd.service");
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/sysinit.target.wants"));
        Files.createSymbolicLink(wants.resolve("systemd-timesyncd.service"), Path.of("/lib/systemd/system/systemd-timesyncd.service"));

        Outcome outcome = Hosts.check(new TimeSyncCheck(), HostRoot.mounted(root), ITEM, Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("systemd-timesyncd enabled at boot on the host root ");
    }

    @Test
    void failsWhenChronyIsInstalledButNotEnabledAndTimesyncdIsMasked() throws Exception {
        unit("chrony.service");
        unit("systemd-timesyncd.service");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/systemd-timesyncd.service"), Path.of("/dev/null"));

        Outcome outcome = Hosts.check(new TimeSyncCheck(), HostRoot.mounted(root), ITEM, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no time-sync daemon enabled on the host root ").endsWith(": chrony.service installed but not enabled");
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new TimeSyncCheck(), HostRoot.live(), ITEM, Map.of()).status()).isIn(Status.PASS, Status.FAIL);
    }
}
