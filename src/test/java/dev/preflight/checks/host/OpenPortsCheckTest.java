package dev.preflight.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Status;
import dev.preflight.collect.host.HostRoot;

class OpenPortsCheckTest {

    @TempDir
    Path root;

    @Test
    void failsOnTheLiveHostWhenAServiceListensOnEveryInterfaceOnAPortTheItemDoesNotAllow() throws Exception {
        // Bound to the wildcard address so that it counts as reachable; nothing ever connects to it.
        try (ServerSocket open = new ServerSocket()) {
            open.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = open.getLocalPort();

            Outcome outcome = Hosts.check(new OpenPortsCheck(), HostRoot.live(), "Deny all other incoming", Map.of());

            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.FAIL);
            // The JDK opens a dual-stack socket: the kernel lists it as [::]:PORT.
            assertThat(outcome.evidence()).map(Evidence::describe).anySatisfy(line -> assertThat(line)
                    .startsWith("listening, not allowed: ").endsWith(":" + port + " (java)"));
            assertThat(outcome.evidence()).map(Evidence::describe).contains("allowed: [22, 80, 443] (a web server's; the item names no port)");
        }
    }

    @Test
    void passesOnTheLiveHostWhenTheItemNamesEveryPortThatSsSeesListeningOnAReachableAddress() throws Exception {
        TreeSet<Integer> reachable = reachablePortsBySs();
        reachable.add(443);
        String item = "Only ports " + String.join(", ", reachable.stream().map(String::valueOf).toList()) + " are open";

        Outcome outcome = Hosts.check(new OpenPortsCheck(), HostRoot.live(), item, Map.of());

        assertThat(outcome.status()).as("ss saw %s listening; %s", reachable, outcome).isEqualTo(Status.PASS);
    }

    @Test
    void passesOnAKernelTableWhereOnlySshAndHttpsAreReachableAndTheDatabaseIsOnLoopback() throws Exception {
        // The kernel's own format: 0.0.0.0:22 and :::443 listen, 127.0.0.1:5432 listens, one established connection.
        Path net = Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(net.resolve("tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20911 1 0000000000000000 100 0 0 10 0
                   1: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   107        0 21001 1 0000000000000000 100 0 0 10 0
                   2: 0100007F:1538 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000   107        0 21877 1 0000000000000000 20 4 30 10 -1
                """);
        Files.writeString(net.resolve("tcp6"), """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20920 1 0000000000000000 100 0 0 10 0
                   1: 00000000000000000000000001000000:1538 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000   107        0 21002 1 0000000000000000 100 0 0 10 0
                """, StandardCharsets.US_ASCII);

        Outcome outcome = Hosts.check(new OpenPortsCheck(), HostRoot.mounted(root), "Allow SSH (22), HTTP (80), HTTPS (443), deny all other incoming",
                Map.of());

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(Status.PASS);
        assertThat(outcome.summary()).endsWith(": 22, 443");
        assertThat(outcome.evidence()).map(Evidence::describe).contains("listening, allowed: 0.0.0.0:22", "listening, allowed: [::]:443",
                "2 more listen on loopback only");
    }

    @Test
    void failsOnAKernelTableWhereTheDatabaseListensOnEveryInterface() throws Exception {
        Path net = Files.createDirectories(root.resolve("proc/net"));
        Files.writeString(net.resolve("tcp"), """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20911 1 0000000000000000 100 0 0 10 0
                   1: 00000000:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   107        0 21001 1 0000000000000000 100 0 0 10 0
                """);

        Outcome outcome = Hosts.check(new OpenPortsCheck(), HostRoot.mounted(root), "Deny all other incoming", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.FAIL);
        assertThat(outcome.summary()).contains("0.0.0.0:5432");
    }

    @Test
    void leavesAMountedImageUnverifiedSinceItsKernelTablesAreNotThere() throws Exception {
        Files.createDirectories(root.resolve("proc"));

        Outcome outcome = Hosts.check(new OpenPortsCheck(), HostRoot.mounted(root), "Deny all other incoming", Map.of());

        assertThat(outcome.status()).isEqualTo(Status.SKIP);
        assertThat(outcome.isUnverified()).isTrue();
        assertThat(outcome.summary()).contains("--host");
    }

    /** The TCP ports that iproute2's ss lists as listening on an address other than loopback. */
    private static TreeSet<Integer> reachablePortsBySs() throws Exception {
        Process ss = new ProcessBuilder("ss", "-ltnH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).as("ss -ltnH finished").isTrue();
        assertThat(ss.exitValue()).as("ss -ltnH (package iproute2): %s", out).isZero();
        TreeSet<Integer> ports = new TreeSet<>();
        for (String line : out.lines().toList()) {
            String local = line.strip().split("\\s+")[3];
            String address = local.substring(0, local.lastIndexOf(':'));
            if (!address.startsWith("127.") && !address.equals("[::1]") && !address.startsWith("[::ffff:127.")) {
                ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }
}
