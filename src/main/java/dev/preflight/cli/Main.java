package dev.preflight.cli;

import java.io.PrintWriter;

import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code preflight} command: subcommands, and one place that maps failures to exit codes. */
@Command(name = "preflight", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a Markdown production deployment checklist into verified facts: GO or NO-GO, with evidence per item.",
        subcommands = {CheckCommand.class, LintCommand.class, ListChecksCommand.class, ExplainCommand.class,
                InitCommand.class, AttestCommand.class, WaiveCommand.class, SecretsCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes of 'check': 0 GO or GO_WITH_WAIVERS, 1 NO_GO, 2 bad usage or bad input."})
public final class Main implements Runnable {

    /** Exit code for bad usage or bad input, whatever the command. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        Catalog.preload();
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof UserError) {
                err.println(oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            err.println(oneLine("internal error: " + e));
            return 3;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(oneLine(e.getMessage() + " (run '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage)"));
            return BAD_INPUT;
        });
        return cli;
    }

    /** Scripts read the first line of standard error: every failure says all it has to say there. */
    static String oneLine(String message) {
        return "preflight: " + String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"preflight " + Preflight.version()};
        }
    }
}
