package dev.preflight.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.preflight.attest.AttestationFile;
import dev.preflight.attest.Waiver;
import dev.preflight.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code preflight waive ITEM-ID --reason ... --approver ... --expires 30d}: accept a failure for a while. */
@Command(name = "waive", mixinStandardHelpOptions = true,
        description = {"Accept an item's failure for a while: GO_WITH_WAIVERS instead of NO_GO.",
                "Recorded in preflight-attestations.yaml beside the checklist."})
final class WaiveCommand implements Callable<Integer> {

    @Mixin
    SignedItem signed;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why the failure is accepted")
    String reason;

    @Option(names = "--approver", required = true, paramLabel = "NAME", description = "who accepts it")
    String approver;

    @Option(names = "--expires", required = true, paramLabel = "AGE", description = "how long it holds, e.g. 30d")
    String expires;

    @Override
    public Integer call() throws IOException {
        SignedItem.Found found = signed.find();
        String itemId = found.binding().item().id();
        try {
            LocalDate until = LocalDate.now().plusDays(Durations.days("--expires", expires));
            Path store = AttestationFile.beside(found.file());
            AttestationFile current = AttestationFile.load(store);
            List<Waiver> waivers = new ArrayList<>(current.waivers().stream().filter(w -> !w.item().equals(itemId)).toList());
            waivers.add(new Waiver(itemId, reason, approver, until));
            new AttestationFile(current.attestations(), waivers).save(store);
            System.out.println("Waived " + itemId + " until " + until + " (approved by " + approver + "); recorded in " + store);
            return 0;
        } catch (ConfigException e) {
            throw new UserError(e);
        }
    }
}
