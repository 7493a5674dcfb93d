package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class ServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void failsWithTheReasonWhenAProgramIsMissing() {
        assertThatThrownBy(() -> ServerProcess.program("no-such-server-xyz"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("no-such-server-xyz is not installed (not on PATH nor in /usr/sbin, /usr/bin): "
                        + "bin/install-test-packages installs what the interop tests need");
        assertThatThrownBy(() -> ServerProcess.program(Path.of("/usr/bin/no-such-python")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("/usr/bin/no-such-python is not installed");
    }

    @Test
    void failsWithItsLogWhenTheServerExitsBeforeAnswering() {
        int port = ServerProcess.freePort();

        assertThatThrownBy(() -> ServerProcess.start("broken",
                List.of(ServerProcess.program("sh").toString(), "-c", "echo 'No module named flask' >&2; exit 3"), dir, Map.of(), port))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("broken exited with code 3 before answering on http://127.0.0.1:" + port)
                .hasMessageEndingWith("Its log:\nNo module named flask\n");
    }

    @Test
    void answersUntilClosedThenLeavesNoProcessBehind() throws Exception {
        int port = ServerProcess.freePort();
        // A shell that starts a helper in the background and then serves: a tree, as real servers make.
        String script = "sleep 300 & exec " + FlaskApp.PYTHON + " -m http.server " + port + " --bind 127.0.0.1";
        List<ProcessHandle> tree;
        try (ServerProcess server = ServerProcess.start("tree", List.of(ServerProcess.program("sh").toString(), "-c", script),
                dir, Map.of(), port)) {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/")).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(200);
            tree = server.tree();
            assertThat(tree).hasSize(2).allMatch(ProcessHandle::isAlive);
        }

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }
}
