package dev.preflight.checks.backup;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.Outcome;
import dev.preflight.check.Params;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.host.HostRoot;
import dev.preflight.load.LoadRuns;
import dev.preflight.load.Scenarios;

/** Fixture host roots under a temp dir, with files planted and their times set, and a run as the engine would. */
final class BackupFixtures {
    private BackupFixtures() {
    }

    static Path plant(Path root, String hostPath, String text) throws Exception {
        Path file = root.resolve(hostPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    static Path backup(Path root, String hostPath, byte[] content, Duration age) throws Exception {
        Path file = root.resolve(hostPath.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    static byte[] gzip(String text) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static Outcome run(Check check, HostRoot host, Map<String, String> params) {
        return run(check, CheckContext.forHost(new Params(params), "backup item", host));
    }

    /** A run with a repository given ({@code --repo}) beside the host. */
    static Outcome run(Check check, Path repo, HostRoot host, Map<String, String> params) {
        return run(check, new CheckContext(new Params(params), "backup item", new RepoSnapshot(repo), null, false, null,
                new LoadRuns(Scenarios.NONE), null, host));
    }

    private static Outcome run(Check check, CheckContext context) {
        try {
            return check.run(context);
        } catch (Exception e) {
            throw new AssertionError("the check threw instead of returning an outcome", e);
        }
    }

}
