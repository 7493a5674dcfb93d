package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class SshdCheckTest {
    private static final String ROOT_ITEM = "Disable root SSH login";
    private static final String PASSWORD_ITEM = "Use SSH keys only (disable password auth)";

    @TempDir
    Path dir;

    @Test
    void passesWhenADropInClosesRootAndPasswords() throws Exception {
        Outcome root = Hosts.check(new SshdCheck(), "good", ROOT_ITEM);
        Outcome password = Hosts.check(new SshdCheck(), "good", PASSWORD_ITEM);

        assertThat(root.status()).as(root.toString()).isEqualTo(Status.PASS);
        assertThat(root.summary()).isEqualTo("PermitRootLogin no");
        assertThat(root.evidence()).containsExactly(new Evidence.FileLine("/etc/ssh/sshd_config.d/10-hardening.conf", 1, "PermitRootLogin no"));
        assertThat(password.status()).as(password.toString()).isEqualTo(Status.PASS);
        assertThat(password.summary()).isEqualTo("PasswordAuthentication no");
    }

    @Test
    void failsWhenCloudInitsDropInReenablesPasswordsBeforeTheMainFileSaysNo() throws Exception {
        Outcome outcome = Hosts.check(new SshdCheck(), "cloud-init", PASSWORD_ITEM);

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).isEqualTo("/etc/ssh/sshd_config.d/50-cloud-init.conf:1: PasswordAuthentication yes (wanted: no)");
    }

    @Test
    void failsOnOpenSshDefaultsWhenNothingIsSet() throws Exception {
        Outcome root = Hosts.check(new SshdCheck(), "defaults", ROOT_ITEM);
        Outcome password = Hosts.check(new SshdCheck(), "defaults", PASSWORD_ITEM);

        assertThat(root.status()).isEqualTo(Status.FAIL);
        assertThat(root.summary()).isEqualTo("PermitRootLogin not set: OpenSSH's default is prohibit-password (wanted: no)");
        assertThat(password.status()).isEqualTo(Status.FAIL);
        assertThat(password.summary()).isEqualTo("PasswordAuthentication not set: OpenSSH's default is yes (wanted: no)");
    }

    @Test
    void rootWithKeysOnlyPassesAnItemAboutRootPasswordsAndFailsOneThatDisablesRootLogin() throws Exception {
        assertThat(Hosts.check(new SshdCheck(), "root-keys", "Disable root login with a password").status()).isEqualTo(Status.PASS);
        assertThat(Hosts.check(new SshdCheck(), "root-keys", ROOT_ITEM).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void warnsWhenAMatchBlockReopensPasswords() throws Exception {
        Outcome outcome = Hosts.check(new SshdCheck(), "match", PASSWORD_ITEM);

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("/etc/ssh/sshd_config:6: PasswordAuthentication yes under Match Address 10.0.0.0/8");
    }

    @Test
    void warnsWhenAnIncludedFileCannotBeRead() throws Exception {
        Outcome outcome = Hosts.check(new SshdCheck(), "broken-include", "Harden sshd");

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).isEqualTo("Include /etc/ssh/hardening.conf cannot be read: its settings are not seen");
    }

    @Test
    void isNotApplicableWithoutSshdConfig() {
        Outcome outcome = Hosts.check(new SshdCheck(), HostRoot.mounted(dir), ROOT_ITEM, Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.summary()).startsWith("no /etc/ssh/sshd_config on the host root ").endsWith(": sshd is not installed");
    }

    @Test
    void runsOnThisMachineWithoutError() {
        Outcome outcome = Hosts.check(new SshdCheck(), HostRoot.live(), ROOT_ITEM, Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isNotEqualTo(Status.ERROR);
    }
}
