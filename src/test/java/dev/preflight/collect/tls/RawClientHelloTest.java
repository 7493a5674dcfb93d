package dev.preflight.collect.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw ClientHellos against real loopback servers: a JDK TLS server, a scripted one, and misbehaving ones. */
class RawClientHelloTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final List<Integer> WEAK = CipherSuites.codes(CipherSuites.WEAK);

    private static HelloAnswer offer(TlsServer server, int version, List<Integer> suites) {
        return RawClientHello.offer("127.0.0.1", server.port(), null, version, suites, TIMEOUT);
    }

    @Test
    void theJdkServerRefusesTls10AndWeakSuitesWithAnAlert(@TempDir Path dir) {
        try (TlsServer server = TlsServer.tls(TestKeystore.make(dir, "localhost", Map.of()), List.of("http/1.1"))) {
            HelloAnswer tls10 = offer(server, RawClientHello.TLS10, CipherSuites.codes(CipherSuites.LEGACY));
            HelloAnswer weak = offer(server, RawClientHello.TLS12, WEAK);

            assertThat(tls10).isInstanceOfSatisfying(HelloAnswer.Refused.class, r -> assertThat(r.reason()).startsWith("alert "));
            assertThat(weak).isInstanceOfSatisfying(HelloAnswer.Refused.class, r -> assertThat(r.reason()).startsWith("alert "));
        }
    }

    @Test
    void aServerHelloIsReadForItsVersionAndSuite() {
        try (TlsServer server = TlsServer.misbehaving(socket -> {
            new DataInputStream(socket.getInputStream()).readNBytes(5);
            socket.getOutputStream().write(serverHello(RawClientHello.TLS10, 0x0005));
            socket.getOutputStream().flush();
            socket.getInputStream().read(new byte[4096]);
        })) {
            assertThat(offer(server, RawClientHello.TLS10, WEAK))
                    .isEqualTo(new HelloAnswer.Accepted("TLSv1", "TLS_RSA_WITH_RC4_128_SHA"));
        }
    }

    @Test
    void garbageIsRefusedAsNotTls() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.garbage())) {
            assertThat(offer(server, RawClientHello.TLS10, WEAK)).isEqualTo(new HelloAnswer.Refused("the answer is not TLS"));
        }
    }

    @Test
    void aStallIsNoAnswerAfterTheTimeout() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.stall())) {
            assertThat(offer(server, RawClientHello.TLS11, WEAK)).isEqualTo(new HelloAnswer.NoAnswer("no answer within 2 s"));
        }
    }

    @Test
    void aResetIsARefusal() {
        try (TlsServer server = TlsServer.misbehaving(TlsServer.reset())) {
            assertThat(offer(server, RawClientHello.SSL3, WEAK)).isInstanceOf(HelloAnswer.Refused.class);
        }
    }

    /** A ServerHello record as a server that chose {@code version} and {@code suite} sends it. */
    private static byte[] serverHello(int version, int suite) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >>> 8);
        body.write(version);
        body.writeBytes(new byte[32]);
        body.write(0);
        body.write(suite >>> 8);
        body.write(suite);
        body.write(0);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[]{22, 3, 1, 0, (byte) (body.size() + 4), 2, 0, 0, (byte) body.size()});
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }
}
