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

class FirewallCheckTest {
    @TempDir
    Path root;

    /**
     * ufw as Ubuntu leaves it after {@code ufw allow OpenSSH; ufw allow 80/tcp; ufw allow 443; ufw enable}:
     * the package's unit enabled, ENABLED=yes, DROP by default, one tuple per rule in user.rules.
     */
    private void ufwEnabled() throws Exception {
        write("usr/sbin/ufw", "#!/usr/bin/python3\n");
        write("etc/ufw/ufw.conf", "# /etc/ufw/ufw.conf\n#\n\n# Set to yes to start on boot.\nENABLED=yes\n\nLOGLEVEL=low\n");
        write("etc/default/ufw", """
                IPV6=yes
                # Set the default input policy to ACCEPT, DROP, or REJECT.
                DEFAULT_INPUT_POLICY="DROP"
                DEFAULT_OUTPUT_POLICY="ACCEPT"
                DEFAULT_FORWARD_POLICY="DROP"
                """);
        write("etc/ufw/user.rules", """
                *filter
                :ufw-user-input - [0:0]
                :ufw-user-output - [0:0]
                ### RULES ###

                ### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 OpenSSH - in
                -A ufw-user-input -p tcp --dport 22 -j ACCEPT -m comment --comment 'dapp_OpenSSH'

                ### tuple ### allow tcp 80 0.0.0.0/0 any 0.0.0.0/0 in
                -A ufw-user-input -p tcp --dport 80 -j ACCEPT

                ### tuple ### allow any 443 0.0.0.0/0 any 0.0.0.0/0 in
                -A ufw-user-input -p tcp --dport 443 -j ACCEPT
                -A ufw-user-input -p udp --dport 443 -j ACCEPT

                ### END RULES ###
                COMMIT
                """);
        write("lib/systemd/system/ufw.service", "[Service]\nType=oneshot\nExecStart=/lib/ufw/ufw-init start quiet\n");
        enable("ufw.service");
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void enable(String unit) throws Exception {
        Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve(unit), Path.of("/lib/systemd/system/" + unit));
    }

    private Outcome check(String item, Map<String, String> params) {
        return Hosts.check(new FirewallCheck(), HostRoot.mounted(root), item, params);
    }

    @Test
    void passesWhenUfwIsEnabledAndDropsByDefault() throws Exception {
        ufwEnabled();

        Outcome outcome = check("Deny all other incoming", Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("ufw is active and drops incoming by default; 3 allow rule(s), listed in the evidence");
        assertThat(outcome.evidence()).contains(new Evidence.Note("/etc/default/ufw: DEFAULT_INPUT_POLICY=DROP"),
                new Evidence.FileLine("/etc/ufw/user.rules", 6, "### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 OpenSSH - in"));
    }

    @Test
    void passesWhenTheItemsPortHasAnAllowRule() throws Exception {
        ufwEnabled();

        Outcome outcome = check("Allow HTTPS (443)", Map.of("port", "443"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("ufw is active, drops incoming by default and lets port 443 in (/etc/ufw/user.rules:12)");
    }

    @Test
    void failsWhenTheItemsPortHasNoAllowRule() throws Exception {
        ufwEnabled();

        Outcome outcome = check("Allow SSH (2222)", Map.of("port", "2222"));

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("port 2222 is not let in by ufw on the host root ");
    }

    @Test
    void failsWhenUfwIsInstalledButNotEnabled() throws Exception {
        ufwEnabled();
        write("etc/ufw/ufw.conf", "ENABLED=no\nLOGLEVEL=low\n");

        Outcome outcome = check("UFW/firewall configured", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no firewall is active at boot on the host root ")
                .endsWith("(ufw: ENABLED is not yes in /etc/ufw/ufw.conf)");
    }

    @Test
    void failsWhenUfwAcceptsIncomingByDefault() throws Exception {
        ufwEnabled();
        write("etc/default/ufw", "IPV6=yes\nDEFAULT_INPUT_POLICY=\"ACCEPT\"\n");

        Outcome outcome = check("Deny all other incoming", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("ufw is active but lets every port in by default");
    }

    @Test
    void failsWhenNoFirewallIsThere() {
        Outcome outcome = check("Configure firewall rules", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("no firewall on the host root ");
    }

    @Test
    void passesWithAnNftablesRulesetThatDropsByDefault() throws Exception {
        write("etc/nftables.conf", """
                #!/usr/sbin/nft -f

                flush ruleset

                table inet filter {
                	chain input {
                		type filter hook input priority filter; policy drop;
                		ct state established,related accept
                		iif "lo" accept
                		tcp dport { 22, 80, 443 } accept
                	}
                	chain forward {
                		type filter hook forward priority filter; policy drop;
                	}
                	chain output {
                		type filter hook output priority filter;
                	}
                }
                """);
        write("lib/systemd/system/nftables.service", "[Service]\nType=oneshot\nExecStart=/usr/sbin/nft -f /etc/nftables.conf\n");
        enable("nftables.service");

        Outcome outcome = check("Allow SSH (22)", Map.of("port", "22"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("nftables is active, drops incoming by default and lets port 22 in (/etc/nftables.conf:10)");
    }

    /** Debian's shipped /etc/nftables.conf: an input chain with no policy, which accepts everything. */
    @Test
    void failsWithDebiansDefaultNftablesConfThatAcceptsEverything() throws Exception {
        write("etc/nftables.conf", """
                #!/usr/sbin/nft -f

                flush ruleset

                table inet filter {
                	chain input {
                		type filter hook input priority filter;
                	}
                	chain forward {
                		type filter hook forward priority filter;
                	}
                	chain output {
                		type filter hook output priority filter;
                	}
                }
                """);
        write("lib/systemd/system/nftables.service", "[Service]\nType=oneshot\n");
        enable("nftables.service");

        Outcome outcome = check("Configure firewall rules", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).startsWith("nftables is active but lets every port in by default");
        assertThat(outcome.evidence()).contains(new Evidence.FileLine("/etc/nftables.conf", 7, "type filter hook input priority filter;"));
    }

    @Test
    void passesWithIptablesPersistentRulesThatDropByDefault() throws Exception {
        write("etc/iptables/rules.v4", """
                # Generated by iptables-save v1.8.7 on Mon Nov 23 04:00:00 2026
                *filter
                :INPUT DROP [0:0]
                :FORWARD DROP [0:0]
                :OUTPUT ACCEPT [0:0]
                -A INPUT -i lo -j ACCEPT
                -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
                -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
                COMMIT
                """);
        write("lib/systemd/system/netfilter-persistent.service", "[Service]\nType=oneshot\n");
        enable("netfilter-persistent.service");

        Outcome outcome = check("Allow HTTP (80)", Map.of("port", "80"));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).isEqualTo("iptables (netfilter-persistent) is active, drops incoming by default and lets port 80 in (/etc/iptables/rules.v4:9)");
    }

    @Test
    void runsOnThisMachineWithoutError() {
        assertThat(Hosts.check(new FirewallCheck(), HostRoot.live(), "Configure firewall rules", Map.of()).status()).isIn(Status.PASS, Status.FAIL);
    }
}
