package dev.preflight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import dev.preflight.check.Catalog;
import dev.preflight.check.CatalogEntry;
import dev.preflight.check.Phrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code preflight explain ID}: a check's documentation, as shipped in docs/checks/ID.md. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Print one check's documentation.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "a check id, e.g. http.health")
    String id;

    @Override
    public Integer call() throws IOException {
        CatalogEntry entry = Catalog.standard().find(id)
                .orElseThrow(() -> new UserError("no check '" + id + "' (see 'preflight list-checks')"));
        System.out.print(explain(entry));
        return 0;
    }

    /** The check's documentation, or what is known of a planned one, and its metadata. */
    static String explain(CatalogEntry entry) throws IOException {
        String doc = doc(entry.id());
        StringBuilder out = new StringBuilder();
        if (doc != null) {
            out.append(doc.strip()).append("\n\n");
        } else {
            out.append("# ").append(entry.id()).append(": ").append(entry.title()).append("\n\n")
                    .append("Not implemented yet").append(entry.plannedIn() == null ? "" : " (planned in issue " + entry.plannedIn() + ")")
                    .append(": items bound to it report SKIP and block a GO until it is built.\n\n");
        }
        out.append("---\n")
                .append("target: ").append(entry.target().label()).append(" (").append(entry.target().option()).append(")\n")
                .append("severity: ").append(entry.severity()).append('\n')
                .append("active: ").append(entry.active() ? "yes (runs only with --active)" : "no").append('\n')
                .append("parameters: ").append(entry.params().isEmpty() ? "none"
                        : String.join(", ", entry.params().stream().map(p -> p.key() + " (" + p.description() + ")").sorted().toList())).append('\n')
                .append("binds items matching: ").append(String.join(" | ", entry.phrases().stream().map(Phrase::regex).toList())).append('\n');
        if (!entry.related().isEmpty()) {
            out.append("related: ").append(String.join(", ", entry.related())).append('\n');
        }
        return out.toString();
    }

    static String doc(String id) throws IOException {
        try (InputStream in = ExplainCommand.class.getResourceAsStream("/docs/checks/" + id + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
