package dev.preflight;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.preflight.attest.AttestationFile;
import dev.preflight.attest.Signoffs;
import dev.preflight.binding.Binder;
import dev.preflight.binding.Binding;
import dev.preflight.binding.BindingException;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistException;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.config.ConfigException;
import dev.preflight.config.PreflightConfig;
import dev.preflight.engine.Engine;
import dev.preflight.engine.Progress;
import dev.preflight.engine.RunOptions;
import dev.preflight.engine.RunResult;
import dev.preflight.engine.Targets;
import dev.preflight.report.Report;
import dev.preflight.verdict.Blocking;
import dev.preflight.verdict.Evaluator;

/**
 * The whole flow in one place, for the CLI, the demo and tests: parse the checklist, bind its items,
 * run the checks, and evaluate the verdict against the sign-offs beside the checklist.
 */
public final class Preflight {
    private final Catalog catalog;
    private final PreflightConfig config;

    public Preflight(Catalog catalog, PreflightConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    public static String version() {
        String v = Preflight.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public Checklist read(Path checklistFile) throws ChecklistException {
        return new ChecklistParser().parse(checklistFile);
    }

    public List<Binding> bind(Checklist checklist) throws BindingException {
        return new Binder(catalog, config).bind(checklist);
    }

    /** Runs the checks of an already-read checklist; {@code engine} lets the caller interrupt it. */
    public Report check(Checklist checklist, Targets targets, Engine engine, Progress progress, LocalDate today)
            throws BindingException, ConfigException {
        List<Binding> bindings = bind(checklist);
        // The sign-offs are read while the checks run: reading YAML costs a cold JVM a few hundred milliseconds.
        CompletableFuture<AttestationFile> signoffFile = CompletableFuture.supplyAsync(() -> readSignoffs(checklist));
        RunResult run = engine.run(bindings, targets, progress);
        AttestationFile file;
        try {
            file = signoffFile.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedConfigException bad) {
                throw bad.getCause();
            }
            throw e;
        }
        return new Evaluator(Blocking.of(config.blocking()), new Signoffs(checklist.items(), file), today, version())
                .evaluate(checklist, run);
    }

    private static AttestationFile readSignoffs(Checklist checklist) {
        try {
            return AttestationFile.load(AttestationFile.beside(checklist.path()));
        } catch (ConfigException e) {
            throw new UncheckedConfigException(e);
        }
    }

    /** Carries a bad sign-off file out of the thread that read it. */
    private static final class UncheckedConfigException extends RuntimeException {
        UncheckedConfigException(ConfigException cause) {
            super(cause);
        }

        @Override
        public synchronized ConfigException getCause() {
            return (ConfigException) super.getCause();
        }
    }

    public Report check(Path checklistFile, Targets targets, RunOptions options)
            throws ChecklistException, BindingException, ConfigException {
        return check(read(checklistFile), targets, new Engine(options), Progress.SILENT, LocalDate.now());
    }
}
