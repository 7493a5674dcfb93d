package dev.preflight.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.preflight.check.Catalog;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.config.PreflightConfig;

/**
 * The binding of every item of the three real checklists, held in {@code expected-bindings.tsv} beside
 * copies of them. A phrase change that moves any item shows up here as a line of the diff.
 */
class RealChecklistBindingTest {
    private static final List<String> FILES = List.of("flask-image-upscaler.md", "django-file-to-api.md", "fastapi-ml-service.md");

    /** One row of the table: where the item is, what it binds to, and its words. */
    record Row(String file, int line, String binding, String text) {
        @Override
        public String toString() {
            return String.format("%s:%-4d %-60s %s", file, line, binding, text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flask-image-upscaler.md", "django-file-to-api.md", "fastapi-ml-service.md"})
    void everyItemBindsAsTheTableSays(String file) throws Exception {
        List<Row> expected = expected().stream().filter(r -> r.file().equals(file)).toList();
        List<Row> actual = actual(file);

        assertThat(actual).as(() -> diff(expected, actual)).isEqualTo(expected);
    }

    @Test
    void theTableHoldsEveryItemOfTheThreeChecklists() throws Exception {
        List<Row> rows = expected();

        assertThat(rows).hasSize(31 + 182 + 101);
        assertThat(rows.stream().filter(r -> !r.binding().startsWith("MANUAL") && !r.binding().equals("GROUP")).count())
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void aboutTwoThirdsOfTheItemsBindToAMachineCheck() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String file : FILES) {
            rows.addAll(actual(file));
        }
        long bound = rows.stream().filter(r -> !r.binding().startsWith("MANUAL") && !r.binding().equals("GROUP")).count();

        assertThat(100.0 * bound / rows.size()).as("%d of %d items bound", bound, rows.size()).isBetween(60.0, 72.0);
    }

    @Test
    void everyManualItemSaysWhyAndWhatToDo() throws Exception {
        for (String file : FILES) {
            for (Binding b : bindings(file)) {
                if (!b.isManual()) {
                    continue;
                }
                String reason = b.manualReason();
                assertThat(ManualReason.ofText(reason)).as("%s: %s", b.item().text(), reason).isPresent();
                assertThat(reason).as(b.item().text()).containsAnyOf("attest it", "bind it with <!-- preflight:")
                        .doesNotEndWith(".").doesNotContain("null");
            }
        }
    }

    private static List<Row> actual(String file) throws Exception {
        return bindings(file).stream().map(b -> new Row(file, b.item().line(), render(b), b.item().text())).toList();
    }

    private static List<Binding> bindings(String file) throws Exception {
        return new Binder(Catalog.standard(), PreflightConfig.EMPTY).bind(new ChecklistParser().parse(resource("/checklists/" + file)));
    }

    /** The binding column: "check{k=v,...} ..." with keys sorted, "GROUP", or "MANUAL:reason". */
    private static String render(Binding b) {
        if (b.group() && b.checks().isEmpty()) {
            return "GROUP";
        }
        if (b.isManual()) {
            return "MANUAL:" + ManualReason.ofText(b.manualReason()).map(r -> r.name().toLowerCase(Locale.ROOT)).orElse(b.manualReason());
        }
        return b.checks().stream().map(c -> (b.source() == Binding.Source.CONTEXT ? "~" : "") + c.entry().id()
                        + (c.params().isEmpty() ? "" : new TreeMap<>(c.params().values()).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"))))
                .collect(Collectors.joining(" "));
    }

    private static List<Row> expected() throws IOException, URISyntaxException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(resource("/binding/expected-bindings.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 4);
            rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], f[3]));
        }
        return rows;
    }

    private static String diff(List<Row> expected, List<Row> actual) {
        StringBuilder out = new StringBuilder("binding differs from expected-bindings.tsv (- expected, + actual):\n");
        for (Row e : expected) {
            if (!actual.contains(e)) {
                out.append("- ").append(e).append('\n');
                actual.stream().filter(a -> a.line() == e.line()).findFirst().ifPresent(a -> out.append("+ ").append(a).append('\n'));
            }
        }
        actual.stream().filter(a -> !expected.contains(a) && expected.stream().noneMatch(e -> e.line() == a.line()))
                .forEach(a -> out.append("+ ").append(a).append('\n'));
        return out.toString();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(RealChecklistBindingTest.class.getResource(name), name).toURI());
    }
}
