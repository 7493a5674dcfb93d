package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import dev.preflight.config.PreflightConfig;
import dev.preflight.demo.SampleProject;
import dev.preflight.demo.SampleService;
import dev.preflight.engine.Engine;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.Targets;
import dev.preflight.files.AtomicFiles;
import dev.preflight.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preflight demo}: a bundled sample service started in-process on a loopback port, with its
 * repository, checklist and sign-offs, checked end to end. Exits 0 when the demo ran, whatever the
 * sample's verdict (it is NO-GO on purpose).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Check a bundled sample service end to end: passes, failures, a false claim, manual, attested and waived items.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--html", paramLabel = "PATH", description = "where to write the HTML report (default: report.html)")
    Path html = Path.of("report.html");

    @Override
    public Integer call() throws Exception {
        SampleProject project = SampleProject.unpack();
        try (SampleService service = SampleService.start()) {
            System.err.println("preflight demo: sample service on " + service.url() + ", repository in " + project.repo());
            Preflight preflight = new Preflight(Catalog.standard(), PreflightConfig.EMPTY);
            Targets targets = new Targets(project.repo(), List.of(service.url()), List.of());
            Report report = preflight.check(preflight.read(project.checklist()), targets, new Engine(RunOptions.defaults()),
                    new TerminalProgress(System.err, Console.isTerminal()), LocalDate.now());
            System.out.print(Format.TEXT.writer(Console.colour()).render(report));
            writeHtml(report);
            return 0;
        } finally {
            project.delete();
        }
    }

    private void writeHtml(Report report) {
        try {
            AtomicFiles.write(html, Format.HTML.writer(false).render(report));
            System.out.println("\nHTML report: " + html.toAbsolutePath());
        } catch (IOException e) {
            throw new UserError("--html " + html + ": cannot be written (" + e.getMessage() + ")");
        }
    }
}
