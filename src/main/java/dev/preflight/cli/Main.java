package dev.preflight.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.preflight.Preflight;
import dev.preflight.check.Catalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code preflight} command: subcommands, and one place that maps failures to exit codes. */
@Command(name = "preflight", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns a Markdown production deployment checklist into verified facts: GO or NO-GO, with evidence per item.",
        footer = {"", "Exit codes of 'check': 0 GO or GO_WITH_WAIVERS, 1 NO_GO, 2 bad usage or bad input."})
public final class Main implements Runnable {

    /** Exit code for bad usage or bad input, whatever the command. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The subcommands, by name, in the order the usage lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("check", CheckCommand::new);
        all.put("lint", LintCommand::new);
        all.put("list-checks", ListChecksCommand::new);
        all.put("explain", ExplainCommand::new);
        all.put("init", InitCommand::new);
        all.put("attest", AttestCommand::new);
        all.put("waive", WaiveCommand::new);
        all.put("load", LoadCommand::new);
        all.put("secrets", SecretsCommand::new);
        all.put("demo", DemoCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    public static int run(String... args) {
        Catalog.preload();
        return commandLine(args.length > 0 ? args[0] : null).execute(args);
    }

    static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for a run whose first argument is {@code first}: picocli builds a model of every
     * subcommand it is given, by reflection, which costs a cold JVM about a tenth of a second, so a run
     * of one known subcommand gets only that one. Anything else (help, a typo) gets them all, so that
     * usage and suggestions name every command.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        boolean known = first != null && SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, make) -> {
            if (!known || name.equals(first)) {
                cli.addSubcommand(name, make.get());
            }
        });
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
