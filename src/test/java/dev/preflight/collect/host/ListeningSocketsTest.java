package dev.preflight.collect.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void ipv6AddressesAreWrittenShort() throws Exception {
        assertThat(ListeningSockets.text(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(ListeningSockets.text(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(ListeningSockets.text(InetAddress.getByName("fe80:0:0:0:1:0:0:2"))).isEqualTo("fe80::1:0:0:2");
        assertThat(ListeningSockets.text(InetAddress.getByName("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ListeningSockets.text(InetAddress.getByName("10.0.0.7"))).isEqualTo("10.0.0.7");
    }
}
