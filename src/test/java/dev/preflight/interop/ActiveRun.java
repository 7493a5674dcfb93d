package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.preflight.load.Scenarios;
import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.collect.TrustMaterial;
import dev.preflight.config.ConfigLoader;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;

/**
 * The real pipeline as {@code preflight check --active --config preflight.yaml --url ...} runs it,
 * over interop/active/checklist.md, with a preflight.yaml whose {@code bind:} entries name the
 * endpoints of the server at hand (how a team points the active checks at its routes).
 */
final class ActiveRun {
    static final String RATE_LIMIT = "Rate limiting enabled on API endpoints";
    static final String AUTH = "Test API key authentication";
    static final String UPLOAD_SIZE = "File upload limits - 1MB max size";
    static final String UPLOAD_TYPES = "Test file type validation";
    static final String SQL_INJECTION = "Test SQL injection attempts";
    static final String XSS = "Test XSS attempts";

    private ActiveRun() {
    }

    /** Runs with {@code bind} (the entries under {@code bind:}, indented two spaces), the --header values and the trust given (null: the system's). */
    static Report check(Path dir, URI url, String bind, Map<String, String> headers, TrustMaterial trust) throws Exception {
        Path checklist = ServerProcess.copyResource("active/checklist.md", dir);
        Path config = Files.writeString(dir.resolve("preflight.yaml"), "bind:\n" + bind, StandardCharsets.UTF_8);
        RunOptions options = new RunOptions(true, RunOptions.DEFAULT_CHECK_TIMEOUT, RunOptions.DEFAULT_RUN_DEADLINE, headers,
                RunOptions.DEFAULT_REQUEST_TIMEOUT, trust, null, null, Scenarios.NONE);
        return new Preflight(Catalog.standard(), ConfigLoader.load(config)).check(checklist, new Targets(null, List.of(url), List.of()), options);
    }

    /** The result of check {@code checkId} on the item with this text. */
    static Report.CheckReport result(Report report, String itemText, String checkId) {
        List<Report.CheckReport> found = report.items().stream()
                .filter(i -> i.text().equals(itemText))
                .flatMap(i -> i.checks().stream())
                .filter(c -> c.id().equals(checkId))
                .toList();
        assertThat(found).as(checkId + " on " + itemText).hasSize(1);
        return found.getFirst();
    }

    /** A {@code bind:} entry giving one check a path. */
    static String bind(String itemId, String checkId, String path) {
        return "  " + itemId + ":\n    - check: " + checkId + "\n      params: {path: \"" + path + "\"}\n";
    }

    /** A {@code bind:} entry keeping an item manual, so its check sends nothing in that run. */
    static String manual(String itemId) {
        return "  " + itemId + ": manual\n";
    }
}
