package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class UpdatesCheckTest {
    private static final String ITEM = "Configure automatic security updates";

    @TempDir
    Path root;

    /** Debian 12 after apt install unattended-upgrades and dpkg-reconfigure -plow unattended-upgrades. */
    private void unattendedUpgrades() throws Exception {
        write("usr/bin/unattended-upgrade", "#!/usr/bin/python3\n");
        write("etc/apt/apt.conf.d/01autoremove", "APT\n{\n  NeverAutoRemove\n  {\n\t\"^firmware-linux.*\";\n  };\n};\n");
        write("etc/apt/apt.conf.d/20auto-upgrades", "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n");
        write("etc/apt/apt.conf.d/50unattended-upgrades", """
                Unattended-Upgrade::Origins-Pattern {
                        "origin=Debian,codename=${distro_codename},label=Debian-Security";
                        "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
                };
                """);
        write("lib/systemd/system/apt-daily-upgrade.timer", "[Timer]\nOnCalendar=*-*-* 6:00\nRandomizedDelaySec=60m\nPersistent=true\n");
        enable("apt-daily-upgrade.timer");
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void enable(String timer) throws Exception {
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/timers.target.wants"));
        Files.createSymbolicLink(wants.resolve(timer), Path.of("/lib/systemd/system/" + timer));
    }

    private Outcome check() {
        return Hosts.check(new UpdatesCheck(), HostRoot.mounted(root), ITEM, Map.of());
    }

    @Test
    void passesWithUnattendedUpgradesSwitchedOn() throws Exception {
        unattendedUpgrades();

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("unattended-upgrades applies updates automatically on the host root ");
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("/etc/apt/apt.conf.d/20auto-upgrades", 2, "APT::Periodic::Unattended-Upgrade \"1\";"));
    }

    @Test
    void failsWhenALaterFileSwitchesItOff() throws Exception {
        unattendedUpgrades();
        write("etc/apt/apt.conf.d/99local", "APT::Periodic::Unattended-Upgrade \"0\";\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("APT::Periodic::Unattended-Upgrade is \"0\" (/etc/apt/apt.conf.d/99local:1): switched off");
    }

    @Test
    void failsOnAFreshDebianWithoutUnattendedUpgrades() throws Exception {
        write("etc/apt/apt.conf.d/01autoremove", "APT\n{\n};\n");
        write("lib/systemd/system/apt-daily-upgrade.timer", "[Timer]\nOnCalendar=*-*-* 6:00\n");
        enable("apt-daily-upgrade.timer");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("unattended-upgrades is not installed")
                .contains("APT::Periodic::Unattended-Upgrade is not set in /etc/apt/apt.conf.d");
    }

    @Test
    void warnsWhenSecurityUpdatesWaitAndARebootIsRequired() throws Exception {
        unattendedUpgrades();
        write("var/lib/update-notifier/updates-available",
                "\n5 updates can be applied immediately.\n3 of these updates are standard security updates.\nTo see these additional updates run: apt list --upgradable\n\n");
        write("run/reboot-required", "*** System restart required ***\n");
        write("run/reboot-required.pkgs", "linux-image-6.1.0-27-amd64\n");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.WARN);
        assertThat(outcome.summary()).startsWith("unattended-upgrades is on, but 3 security update(s) wait (/var/lib/update-notifier/updates-available); "
                + "a reboot is required to run what was installed (linux-image-6.1.0-27-amd64)");
    }

    @Test
    void passesWithDnfAutomaticInstalling() throws Exception {
        write("etc/dnf/dnf.conf", "[main]\ngpgcheck=1\n");
        write("lib/systemd/system/dnf-automatic-install.timer", "[Timer]\nOnCalendar=*-*-* 6:00\n");
        enable("dnf-automatic-install.timer");

        Outcome outcome = check();

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).startsWith("dnf-automatic applies updates automatically");
    }

    @Test
    void failsWhenDnfAutomaticOnlyDownloads() throws Exception {
        write("etc/dnf/dnf.conf", "[main]\ngpgcheck=1\n");
        write("etc/dnf/automatic.conf", "[commands]\nupgrade_type = default\ndownload_updates = yes\napply_updates = no\n");
        write("lib/systemd/system/dnf-automatic.timer", "[Timer]\nOnCalendar=*-*-* 6:00\n");
        enable("dnf-automatic.timer");

        Outcome outcome = check();

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("dnf-automatic.timer runs without apply_updates = yes");
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new UpdatesCheck(), HostRoot.live(), ITEM, Map.of()).status())
                .isIn(Status.PASS, Status.FAIL, Status.WARN, Status.MANUAL);
    }
}
