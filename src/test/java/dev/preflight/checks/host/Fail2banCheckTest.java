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

class Fail2banCheckTest {
    private static final String ITEM = "Install fail2ban";

    @TempDir
    Path root;

    /** fail2ban as Debian's package leaves it: jail.conf with every jail off, defaults-debian.conf turning sshd on, the unit enabled. */
    private void installed() throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(bin.resolve("fail2ban-server"), "#!/usr/bin/python3\n");
        Files.setPosixFilePermissions(bin.resolve("fail2ban-server"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path etc = Files.createDirectories(root.resolve("etc/fail2ban/jail.d"));
        Files.writeString(etc.getParent().resolve("jail.conf"), """
                [INCLUDES]
                before = paths-debian.conf

                [DEFAULT]
                bantime  = 10m
                enabled = false
                action_mw = %(action_)s
                            %(mta)s-whois[sender="%(sender)s"]

                [sshd]
                port    = ssh
                logpath = %(sshd_log)s

                [nginx-http-auth]
                port    = http,https
                """);
        Files.writeString(etc.resolve("defaults-debian.conf"), "[sshd]\nenabled = true\n");
        Files.createDirectories(root.resolve("lib/systemd/system"));
        Files.writeString(root.resolve("lib/systemd/system/fail2ban.service"), "[Service]\nExecStart=/usr/bin/fail2ban-server -xf start\n");
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve("fail2ban.service"), Path.of("/lib/systemd/system/fail2ban.service"));
    }

    @Test
    void passesWhenInstalledEnabledWithTheSshdJail() throws Exception {
        installed();

        Outcome outcome = Hosts.check(new Fail2banCheck(), HostRoot.mounted(root), ITEM, Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("fail2ban installed, enabled at boot, jails: sshd");
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("/etc/fail2ban/jail.d/defaults-debian.conf", 2, "[sshd] enabled"),
                new Evidence.Note("enabled at boot: /etc/systemd/system/multi-user.target.wants/fail2ban.service"));
    }

    @Test
    void failsWhenALocalFileTurnsTheOnlyJailOffAndTheUnitIsMasked() throws Exception {
        installed();
        Files.writeString(root.resolve("etc/fail2ban/jail.local"), "[sshd]\nenabled = false\n");
        Files.delete(root.resolve("etc/systemd/system/multi-user.target.wants/fail2ban.service"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/fail2ban.service"), Path.of("/dev/null"));

        Outcome outcome = Hosts.check(new Fail2banCheck(), HostRoot.mounted(root), ITEM, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("fail2ban.service is masked; no jail is enabled in /etc/fail2ban: it bans nobody on the host root ");
    }

    @Test
    void failsWhenNotInstalled() {
        Outcome outcome = Hosts.check(new Fail2banCheck(), HostRoot.mounted(root), ITEM, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("fail2ban is not installed on the host root ");
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new Fail2banCheck(), HostRoot.live(), ITEM, Map.of()).status()).isIn(Status.PASS, Status.FAIL);
    }
}
