package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.preflight.checks.repo.secrets.Baseline;
import dev.preflight.checks.repo.secrets.GitleaksConfig;
import dev.preflight.checks.repo.secrets.Scanner;
import dev.preflight.collect.CannotParse;
import dev.preflight.collect.RepoSnapshot;
import dev.preflight.config.PreflightConfig;
import dev.preflight.files.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code preflight secrets baseline}: scans as repo.secrets does and accepts every secret found, so
 * that a team can take on today's findings after reviewing them and fail only on new ones.
 */
@Command(name = "baseline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Accept the secrets repo.secrets finds today, after review, so that only new ones fail it.",
                "Scans as the check does and records each secret in " + Baseline.FILE + " by the SHA-256 of its value, "
                        + "never the value itself; entries already there keep their notes."},
        footer = {"", "Exit codes: 0 written, 2 bad usage or bad input.", "", "Example:",
                "  preflight secrets baseline --repo . --note 'revoked test keys'"})
final class SecretsBaselineCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", description = "the repository to scan (default: the config's, or .)")
    Path repo;

    @Option(names = "--out", paramLabel = "FILE", description = "the baseline to update (default: the one repo.secrets reads, in DIR)")
    Path out;

    @Option(names = "--note", paramLabel = "TEXT", description = "why the new entries are accepted, recorded on each of them")
    String note = "";

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        Path dir = repository();
        Path file = out != null ? out : dir.resolve(Baseline.FILE).normalize();
        Baseline current = current(file);
        RepoSnapshot snapshot = new RepoSnapshot(dir);
        GitleaksConfig rules;
        try {
            rules = GitleaksConfig.of(snapshot);
        } catch (CannotParse e) {
            throw new UserError(dir.resolve(GitleaksConfig.FILE) + ": " + e.describe()
                    + " (fix it first: its rules and allowlists decide what is found)");
        }
        rules.problems().forEach(p -> System.err.println("preflight: " + GitleaksConfig.FILE + ": " + p));
        Scanner.Scan scan = Scanner.scan(snapshot, rules.ruleSet());
        Baseline.Merge merge = current.accept(scan.findings(), note);
        try {
            AtomicFiles.write(file, merge.baseline().toJson());
        } catch (IOException e) {
            throw new UserError(file + ": cannot be written (" + e.getMessage() + ")");
        }
        System.out.println(file + ": " + merge.added() + " added, " + merge.kept() + " kept"
                + (merge.notFound() > 0 ? " (" + merge.notFound() + " no longer found)" : "") + "; "
                + count(scan.filesScanned(), "file") + " scanned with " + count(rules.rules().size(), "rule"));
        merge.baseline().bySha256().values().stream().filter(e -> !current.bySha256().containsKey(e.sha256()))
                .forEach(e -> System.out.println("  + " + e.path() + ":" + e.line() + " " + e.rule()));
        return 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Path repository() {
        PreflightConfig.Targets targets = config.load().targets();
        Path dir = repo != null ? repo : targets != null && targets.repo() != null ? Path.of(targets.repo()) : Path.of(".");
        if (!Files.isDirectory(dir)) {
            throw new UserError("--repo " + dir + ": not a directory");
        }
        return dir;
    }

    /** The baseline to merge into: none yet, or one that must read cleanly, since it is about to be rewritten. */
    private static Baseline current(Path file) {
        try {
            return Baseline.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Baseline.EMPTY;
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read (" + e.getMessage() + ")");
        } catch (CannotParse e) {
            throw new UserError(file + ": " + e.describe() + " (fix or remove it; nothing was written)");
        }
    }
}
