package dev.preflight.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.check.Evidence;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;

/** The real pipeline, as {@code preflight check --url} runs it, over the interop checklist of three HTTP items. */
final class InteropRun {
    static final String HEALTH = "Health check endpoint";
    static final String READINESS = "Readiness probe";
    static final String METRICS = "Verify metrics endpoint";

    private InteropRun() {
    }

    static Report check(Path dir, URI url) throws Exception {
        Path checklist = ServerProcess.copyResource("checklist.md", dir);
        return new Preflight(Catalog.standard(), PreflightConfig.EMPTY)
                .check(checklist, new Targets(null, List.of(url), List.of()), RunOptions.defaults());
    }

    /** The one check bound to the item with this text. */
    static Report.CheckReport result(Report report, String itemText) {
        List<Report.ItemReport> items = report.items().stream().filter(i -> i.text().equals(itemText)).toList();
        assertThat(items).as("items named " + itemText).hasSize(1);
        assertThat(items.getFirst().checks()).as("checks of " + itemText).hasSize(1);
        return items.getFirst().checks().getFirst();
    }

    /** The path of every request the report shows as evidence. */
    static List<String> requestedPaths(Report report) {
        return report.items().stream()
                .flatMap(i -> i.checks().stream())
                .flatMap(c -> c.evidence().stream())
                .flatMap(e -> e instanceof Evidence.Http http ? Stream.of(http.request()) : Stream.empty())
                .map(request -> URI.create(request.substring(request.indexOf(' ') + 1)).getPath())
                .toList();
    }
}
