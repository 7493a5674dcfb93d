package dev.preflight.collect.tls;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key and certificate made by the JDK's own keytool, in a PKCS12 keystore for an
 * in-JVM TLS server, with the certificate also exported as PEM (for {@code --ca-cert}). By default:
 * RSA 2048, CN=localhost, subject alternative names IP:127.0.0.1 and DNS:localhost, valid from now
 * for a year; {@code overrides} replace keytool options ("-validity", "5") or add some ("-startdate", "-30d").
 */
public record TestKeystore(Path keystore, char[] password, Path certificatePem) {
    private static final String PASSWORD = "changeit";

    public static TestKeystore make(Path dir, String name, Map<String, String> overrides) {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "365"));
        options.putAll(overrides);
        Path keystore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        List<String> generate = new ArrayList<>(List.of("-genkeypair", "-alias", "server"));
        options.forEach((option, value) -> {
            generate.add(option);
            generate.add(value);
        });
        keytool(dir, name, generate, keystore);
        keytool(dir, name, List.of("-exportcert", "-rfc", "-alias", "server", "-file", pem.toString()), keystore);
        return new TestKeystore(keystore, PASSWORD.toCharArray(), pem);
    }

    private static void keytool(Path dir, String name, List<String> arguments, Path keystore) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            fail("the JDK running the tests has no keytool at " + keytool);
        }
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(arguments);
        command.addAll(List.of("-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        Path log = dir.resolve(name + ".keytool.log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("keytool did not finish within 60 s: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                fail("keytool failed (" + String.join(" ", command) + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            fail("keytool could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while keytool ran");
        }
    }
}
