package dev.preflight.cli;

import java.nio.file.Path;

import dev.preflight.Preflight;
import dev.preflight.binding.Binding;
import dev.preflight.binding.BindingException;
import dev.preflight.check.Catalog;
import dev.preflight.checklist.ChecklistException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The item that {@code attest} and {@code waive} sign: its id, the checklist holding it, and the config. */
final class SignedItem {

    @Parameters(index = "0", paramLabel = "ITEM-ID", description = "the item's id (see 'preflight lint --ids')")
    String itemId;

    @Option(names = "--checklist", paramLabel = "FILE", description = "the checklist (default: the config's, or PRODUCTION_CHECKLIST.md / CHECKLIST.md here)")
    Path checklist;

    @Mixin
    ConfigOption config;

    /** The checklist file and the item's binding, or a one-line error when either cannot be found. */
    record Found(Path file, Binding binding) {
    }

    Found find() {
        var cfg = config.load();
        Path file = ChecklistLocator.locate(checklist, cfg.checklist());
        Preflight preflight = new Preflight(Catalog.standard(), cfg);
        try {
            return preflight.bind(preflight.read(file)).stream()
                    .filter(b -> b.item().id().equals(itemId))
                    .findFirst()
                    .map(b -> new Found(file, b))
                    .orElseThrow(() -> new UserError(file + ": no item has the id '" + itemId + "' (see 'preflight lint --ids " + file + "')"));
        } catch (ChecklistException | BindingException e) {
            throw new UserError(e);
        }
    }
}
