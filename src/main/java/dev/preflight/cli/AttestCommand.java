package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import dev.preflight.attest.Attestation;
import dev.preflight.attest.AttestationFile;
import dev.preflight.binding.Binding;
import dev.preflight.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preflight attest ITEM-ID --by NAME --role ROLE}: a named person signs off a manual item. */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = {"Sign off a manual item, by name and role.",
                "Recorded in preflight-attestations.yaml beside the checklist (commit it: it is the audit trail).",
                "An attestation goes stale when the item's text changes, and lapses when --expires says."})
final class AttestCommand implements Callable<Integer> {

    @Mixin
    SignedItem signed;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "who attests")
    String by;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "in which role, e.g. security, ops, product")
    String role;

    @Option(names = "--note", paramLabel = "TEXT", description = "what was looked at")
    String note;

    @Option(names = "--expires", paramLabel = "AGE", description = "how long it holds, e.g. 90d, 12w (default: does not expire)")
    String expires;

    @Override
    public Integer call() throws IOException {
        SignedItem.Found found = signed.find();
        Path file = found.file();
        Binding binding = found.binding();
        String itemId = binding.item().id();
        if (!binding.isManual()) {
            throw new UserError(file + ":" + binding.item().line() + ": '" + itemId + "' is "
                    + (binding.group() ? "a group of sub-items; attest those" : "verified by checks; only manual items are attested"));
        }
        if (by.isBlank() || role.isBlank()) {
            throw new UserError("--by and --role need a name and a role");
        }
        LocalDate until = expires == null ? null : LocalDate.now().plusDays(Durations.days("--expires", expires));
        Path store = AttestationFile.beside(file);
        try {
            AttestationFile current = AttestationFile.load(store);
            current.with(new Attestation(itemId, binding.item().text(), by.strip(), role.strip(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), until, note)).save(store);
        } catch (ConfigException e) {
            throw new UserError(e);
        }
        System.out.println("Attested " + itemId + " (line " + binding.item().line() + ") by " + by + " as " + role
                + (until == null ? "" : ", until " + until) + "; recorded in " + store);
        return 0;
    }
}
