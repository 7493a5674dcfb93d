package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.preflight.collect.RepoSnapshot;
import dev.preflight.collect.Stack;
import dev.preflight.files.AtomicFiles;
import dev.preflight.init.StarterChecklist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code preflight init}: a starter checklist and preflight.yaml for the detected stack; never overwrites. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a starter PRODUCTION_CHECKLIST.md and preflight.yaml for the stack found in the directory.",
                "Every item binds to a check. Existing files are never overwritten."})
final class InitCommand implements Callable<Integer> {
    static final String CHECKLIST = "PRODUCTION_CHECKLIST.md";

    @Option(names = "--dir", paramLabel = "DIR", description = "the repository to look at and write into (default: .)")
    Path dir = Path.of(".");

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserError("--dir " + dir + ": not a directory");
        }
        Stack stack = new RepoSnapshot(dir).stack();
        System.out.println("Detected: " + stack.describe());
        write(dir.resolve(CHECKLIST), StarterChecklist.markdown(stack));
        write(dir.resolve(ConfigOption.DEFAULT_NAME), StarterChecklist.config(CHECKLIST, stack));
        System.out.println("Next: preflight lint " + CHECKLIST + ", then preflight check --url https://your-staging-host");
        return 0;
    }

    private static void write(Path file, String content) throws IOException {
        if (Files.exists(file)) {
            System.out.println("kept     " + file + " (it exists; init never overwrites)");
            return;
        }
        AtomicFiles.write(file, content);
        System.out.println("wrote    " + file);
    }
}
