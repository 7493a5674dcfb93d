package dev.preflight.cli;

import picocli.CommandLine.Command;

/** {@code preflight secrets ...}: the secret scanner's own commands; without a subcommand, bad usage. */
@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "The secret scan of repo.secrets: accept reviewed findings in its baseline.",
        subcommands = {SecretsBaselineCommand.class})
final class SecretsCommand {
}
