package dev.preflight.collect.tls;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One TLS ClientHello written by hand and the server's first answer read back, with no handshake
 * after it. This is how TLS scanners ask "would you still accept TLS 1.0, or RC4?": the JDK's own
 * TLS stack refuses to offer those at all (jdk.tls.disabledAlgorithms), and it is right to, so the
 * question has to be put in bytes. Only the ServerHello's version and suite are read.
 */
final class RawClientHello {
    static final int SSL3 = 0x0300;
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    private static final int MAX_RECORD = 1 << 14;
    private static final Map<Integer, String> ALERTS = Map.of(
            40, "handshake_failure", 70, "protocol_version", 71, "insufficient_security", 47, "illegal_parameter",
            80, "internal_error", 112, "unrecognized_name", 50, "decode_error", 86, "inappropriate_fallback");

    private RawClientHello() {
    }

    static String versionName(int version) {
        return switch (version) {
            case SSL3 -> "SSLv3";
            case TLS10 -> "TLSv1";
            case TLS11 -> "TLSv1.1";
            case TLS12 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("0x%04X", version);
        };
    }

    /** Offers {@code version} and {@code suites} to host:port (SNI {@code serverName}, null for an IP). */
    static HelloAnswer offer(String host, int port, String serverName, int version, List<Integer> suites, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(hello(serverName, version, suites));
            socket.getOutputStream().flush();
            return answer(new DataInputStream(socket.getInputStream()));
        } catch (ConnectException e) {
            return new HelloAnswer.NoAnswer("connection refused or unreachable");
        } catch (SocketTimeoutException e) {
            return new HelloAnswer.NoAnswer("no answer within " + timeout.toSeconds() + " s");
        } catch (EOFException e) {
            return new HelloAnswer.Refused("connection closed");
        } catch (IOException e) {
            // OpenSSL servers that refuse a version outright often just reset the connection.
            return new HelloAnswer.Refused("connection reset: " + e.getMessage());
        }
    }

    private static HelloAnswer answer(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedShort();
        int length = in.readUnsignedShort();
        if ((type != 21 && type != 22) || length > MAX_RECORD + 2048) {
            return new HelloAnswer.Refused("the answer is not TLS");
        }
        byte[] record = new byte[length];
        in.readFully(record);
        if (type == 21) {
            int description = record.length > 1 ? record[1] & 0xFF : -1;
            return new HelloAnswer.Refused("alert " + ALERTS.getOrDefault(description, String.valueOf(description)));
        }
        if (record.length < 4 + 2 + 32 + 1 || record[0] != 2) {
            return new HelloAnswer.Refused("the answer is not a ServerHello");
        }
        int at = 4;
        int chosenVersion = ((record[at] & 0xFF) << 8) | (record[at + 1] & 0xFF);
        at += 2 + 32;
        int sessionIdLength = record[at] & 0xFF;
        at += 1 + sessionIdLength;
        if (record.length < at + 2) {
            return new HelloAnswer.Refused("the ServerHello is truncated");
        }
        int suite = ((record[at] & 0xFF) << 8) | (record[at + 1] & 0xFF);
        return new HelloAnswer.Accepted(versionName(chosenVersion), CipherSuites.name(suite));
    }

    private static byte[] hello(String serverName, int version, List<Integer> suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0);
        u16(body, (suites.size() + 1) * 2);
        suites.forEach(s -> u16(body, s));
        u16(body, 0x00FF);
        body.write(1);
        body.write(0);

        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        if (serverName != null) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            u16(extensions, 0x0000);
            u16(extensions, name.length + 5);
            u16(extensions, name.length + 3);
            extensions.write(0);
            u16(extensions, name.length);
            extensions.writeBytes(name);
        }
        extension(extensions, 0x000A, 6, 0x001D, 0x0017, 0x0018);
        extensions.writeBytes(new byte[]{0x00, 0x0B, 0x00, 0x02, 0x01, 0x00});
        extension(extensions, 0x000D, 16, 0x0401, 0x0804, 0x0403, 0x0501, 0x0805, 0x0503, 0x0201, 0x0203);
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1);
        u24(handshake, body.size());
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);
        u16(record, TLS10);
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    /** An extension whose data is a length-prefixed list of 16-bit values. */
    private static void extension(ByteArrayOutputStream out, int type, int listBytes, int... values) {
        u16(out, type);
        u16(out, listBytes + 2);
        u16(out, listBytes);
        for (int v : values) {
            u16(out, v);
        }
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void u24(ByteArrayOutputStream out, int v) {
        out.write(v >>> 16);
        u16(out, v & 0xFFFF);
    }
}
