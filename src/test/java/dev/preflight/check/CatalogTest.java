package dev.preflight.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The rule every check of the catalog keeps: metadata next to its code, a document, and a test on a
 * passing and a failing example. Each message names the check and exactly what it lacks.
 */
class CatalogTest {
    private static final Pattern ID = Pattern.compile("[a-z]+\\.[a-z0-9]+(-[a-z0-9]+)*");
    static final List<String> DOC_HEADINGS = List.of("## What it checks", "## Why it matters", "## Outcomes",
            "## How to fix", "## Policy", "## Related rules");
    private static final List<String> OUTCOMES = List.of("PASS", "FAIL", "WARN", "ERROR", "SKIP");

    @Test
    void everyBuiltCheckHasMetadataADocAndTests() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Class<? extends Check> type : Catalog.built()) {
            CheckInfo info = type.getAnnotation(CheckInfo.class);
            if (info == null) {
                problems.add(type.getName() + ": lacks @CheckInfo");
                continue;
            }
            String id = info.id();
            if (!ids.add(id)) {
                problems.add(id + ": the id is used by two checks (" + type.getSimpleName() + " is the second)");
            }
            problems.addAll(metadataProblems(info, type));
            problems.addAll(docProblems(id));
            problems.addAll(testProblems(id, type));
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void everyBuiltCheckCanBeMadeAsTheCatalogMakesItOnItsFirstRun() {
        for (Class<? extends Check> type : Catalog.built()) {
            assertThatCode(() -> type.getDeclaredConstructor().newInstance()).as(type.getName()).doesNotThrowAnyException();
        }
    }

    @Test
    void everyPlannedCheckSaysWhatItIsAndWhichIssueBuildsIt() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> built = new HashSet<>();
        Catalog.built().forEach(c -> built.add(c.getAnnotation(CheckInfo.class).id()));
        for (Map<String, Object> planned : plannedYaml()) {
            String id = String.valueOf(planned.get("id"));
            if (!ID.matcher(id).matches()) {
                problems.add(id + ": planned id is not family.name in lower case with dashes");
            }
            if (built.contains(id)) {
                problems.add(id + ": is built now; remove it from planned-checks.yaml");
            }
            for (String field : List.of("title", "target", "issue")) {
                if (planned.get(field) == null || String.valueOf(planned.get(field)).isBlank()) {
                    problems.add(id + ": planned-checks.yaml gives no " + field);
                }
            }
            Object target = planned.get("target");
            if (target != null && java.util.Arrays.stream(TargetKind.values()).noneMatch(k -> k.label().equals(String.valueOf(target)))) {
                problems.add(id + ": target " + target + " is not repo, url, db or host");
            }
            if (!(planned.get("phrases") instanceof List<?> phrases) || phrases.isEmpty()) {
                problems.add(id + ": planned-checks.yaml gives no phrases");
            } else {
                phrases.forEach(p -> compiles(id, String.valueOf(p), problems));
            }
            if (planned.get("params") instanceof List<?> params) {
                params.stream().map(String::valueOf).filter(k -> Param.byKey(k).isEmpty())
                        .forEach(k -> problems.add(id + ": parameter '" + k + "' is not in the Param vocabulary"));
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    @Test
    void theStandardCatalogListsBuiltChecksFirstAndPlannedOnesUnimplemented() {
        List<CatalogEntry> entries = Catalog.standard().entries();

        assertThat(entries).filteredOn(CatalogEntry::implemented).extracting(CatalogEntry::id)
                .containsExactlyElementsOf(Catalog.built().stream().map(c -> c.getAnnotation(CheckInfo.class).id()).toList());
        assertThat(entries).filteredOn(e -> !e.implemented()).allSatisfy(e -> assertThat(e.plannedIn()).isNotBlank());
    }

    @Test
    void aPlannedFileOfCommentsAloneLeavesTheBuiltChecks() {
        Catalog catalog = Catalog.withPlanned(new java.io.ByteArrayInputStream("# every check is built\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(catalog.entries()).hasSize(Catalog.built().size()).allMatch(CatalogEntry::implemented);
    }

    private static List<String> metadataProblems(CheckInfo info, Class<?> type) {
        List<String> problems = new ArrayList<>();
        String id = info.id();
        if (!ID.matcher(id).matches()) {
            problems.add(id + ": id is not family.name in lower case with dashes");
        } else {
            String family = id.substring(0, id.indexOf('.'));
            if (!type.getPackageName().endsWith(".checks." + family)) {
                problems.add(id + ": lives in " + type.getPackageName() + ", not in dev.preflight.checks." + family);
            }
        }
        if (info.title().isBlank()) {
            problems.add(id + ": @CheckInfo has an empty title");
        }
        if (info.phrases().length == 0) {
            problems.add(id + ": @CheckInfo declares no phrases");
        }
        for (String phrase : info.phrases()) {
            compiles(id, phrase, problems);
        }
        for (String key : info.params()) {
            if (Param.byKey(key).isEmpty()) {
                problems.add(id + ": parameter '" + key + "' is not in the Param vocabulary");
            }
        }
        return problems;
    }

    private static void compiles(String id, String phrase, List<String> problems) {
        if (phrase.isBlank()) {
            problems.add(id + ": a phrase is blank");
            return;
        }
        try {
            Pattern.compile(phrase);
        } catch (PatternSyntaxException e) {
            problems.add(id + ": phrase /" + phrase + "/ does not compile: " + e.getDescription());
        }
    }

    private static List<String> docProblems(String id) throws IOException {
        Path doc = Path.of("docs", "checks", id + ".md");
        if (!Files.isRegularFile(doc)) {
            return List.of(id + ": " + doc + " is missing");
        }
        String text = Files.readString(doc);
        List<String> problems = new ArrayList<>();
        if (!text.startsWith("# " + id + ": ")) {
            problems.add(id + ": " + doc + " does not start with '# " + id + ": <title>'");
        }
        for (String heading : DOC_HEADINGS) {
            if (!text.contains("\n" + heading + "\n")) {
                problems.add(id + ": " + doc + " lacks the heading '" + heading + "'");
            }
        }
        int outcomes = text.indexOf("\n## Outcomes\n");
        if (outcomes >= 0) {
            int next = text.indexOf("\n## ", outcomes + 1);
            String section = text.substring(outcomes, next < 0 ? text.length() : next);
            for (String status : OUTCOMES) {
                if (!section.contains("**" + status + "**")) {
                    problems.add(id + ": " + doc + " does not say under '## Outcomes' when the check is **" + status + "**");
                }
            }
        }
        return problems;
    }

    private static List<String> testProblems(String id, Class<?> type) {
        String testName = type.getName() + "Test";
        Class<?> test;
        try {
            test = Class.forName(testName);
        } catch (ClassNotFoundException e) {
            return List.of(id + ": no test class " + testName);
        }
        List<String> names = new ArrayList<>();
        for (Method m : test.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)) {
                names.add(m.getName().toLowerCase(Locale.ROOT));
            }
        }
        List<String> problems = new ArrayList<>();
        for (String word : List.of("pass", "fail")) {
            if (names.stream().noneMatch(n -> n.contains(word))) {
                problems.add(id + ": " + test.getSimpleName() + " has no @Test whose name contains '" + word + "'");
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> plannedYaml() throws IOException {
        try (InputStream in = Catalog.class.getResourceAsStream("planned-checks.yaml")) {
            assertThat(in).as("planned-checks.yaml on the classpath").isNotNull();
            // Once every planned check is built the file holds comments alone, which reads as no list.
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode planned = yaml.readTree(in);
            return planned == null || planned.isMissingNode() || planned.isNull() ? List.of() : yaml.convertValue(planned, List.class);
        }
    }
}
