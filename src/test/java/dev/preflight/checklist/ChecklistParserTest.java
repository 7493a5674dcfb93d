package dev.preflight.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChecklistParserTest {

    private static final Pattern CHECKBOX_LINE = Pattern.compile("^\\s*(?:>\\s*)*(?:[-*+]|\\d{1,9}[.)])\\s+\\[[ xX]]\\s.*");
    private static final List<String> FLASK_TOP = List.of("Production Deployment Checklist", "✅ Pre-Deployment Checklist");
    private static final List<String> DJANGO_TOP = List.of("Production Deployment Checklist");
    private static final List<String> FASTAPI_TOP = List.of("Production Readiness Checklist");

    @TempDir
    Path dir;

    // --- the three real checklists ---

    @ParameterizedTest
    @CsvSource({"flask-image-upscaler.md, 31", "django-file-to-api.md, 182", "fastapi-ml-service.md, 101"})
    void realChecklistsGiveTheirItemCount(String name, int count) throws Exception {
        assertThat(real(name).items()).hasSize(count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flask-image-upscaler.md", "django-file-to-api.md", "fastapi-ml-service.md"})
    void everyItemLineHoldsACheckboxAndEveryIdIsUnique(String name) throws Exception {
        Checklist checklist = real(name);
        List<String> lines = Files.readAllLines(resource(name));
        for (Item item : checklist.items()) {
            assertThat(lines.get(item.line() - 1)).as("line %d of %s", item.line(), name).matches(CHECKBOX_LINE);
            assertThat(lines.get(item.line() - 1).matches("^\\s*(?:[-*+]|\\d+[.)])\\s+\\[[xX]].*"))
                    .as("claimed flag of line %d", item.line()).isEqualTo(item.claimed());
        }
        assertThat(checklist.items()).extracting(Item::id).doesNotHaveDuplicates();
        assertThat(checklist.items()).extracting(Item::line).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void flaskImageUpscaler() throws Exception {
        Checklist c = real("flask-image-upscaler.md");
        assertThat(c.items().getFirst().line()).isEqualTo(6);
        assertThat(c.items().getLast().line()).isEqualTo(109);
        expect(c, 6, false, "Change default SECRET_KEY in production", null, FLASK_TOP, "Security");
        expect(c, 7, false, "Configure proper file permissions (755 for directories, 644 for files)", null, FLASK_TOP, "Security");
        expect(c, 11, false, "Validate file upload restrictions", null, FLASK_TOP, "Security");
        expect(c, 14, false, "Set FLASK_ENV=production", null, FLASK_TOP, "Configuration");
        expect(c, 18, false, "Set resource limits (memory, CPU)", null, FLASK_TOP, "Configuration");
        expect(c, 21, false, "Ensure sufficient disk space (10GB+ recommended)", null, FLASK_TOP, "Infrastructure");
        expect(c, 25, false, "Configure reverse proxy (Nginx)", null, FLASK_TOP, "Infrastructure");
        expect(c, 28, false, "Test health check endpoint", null, FLASK_TOP, "Testing");
        expect(c, 29, false, "Verify metrics endpoint", null, FLASK_TOP, "Testing");
        expect(c, 33, false, "Verify cleanup functionality", null, FLASK_TOP, "Testing");
        List<String> maintenance = List.of("Production Deployment Checklist", "🔧 Maintenance Tasks");
        expect(c, 97, false, "Check service health", null, maintenance, "Daily");
        expect(c, 98, false, "Monitor disk usage", null, maintenance, "Daily");
        expect(c, 102, false, "Clean up old files", null, maintenance, "Weekly");
        expect(c, 104, false, "Update dependencies", null, maintenance, "Weekly");
        expect(c, 107, false, "Security updates", null, maintenance, "Monthly");
        expect(c, 109, false, "Capacity planning", null, maintenance, "Monthly");
        assertThat(c.byId()).containsKeys("security/change-default-secret-key-in-production", "daily/check-service-health");
    }

    @Test
    void djangoFileToApi() throws Exception {
        Checklist c = real("django-file-to-api.md");
        assertThat(c.items().getFirst().line()).isEqualTo(11);
        assertThat(c.items().getLast().line()).isEqualTo(381);
        List<String> pre = List.of("Production Deployment Checklist", "Pre-Deployment");
        expect(c, 11, false, "Generate new SECRET_KEY (never use development key in production)", null, pre, "Security");
        expect(c, 17, false, "Ensure .env is in .gitignore", null, pre, "Security");
        expect(c, 23, false, "Decide: SQLite or PostgreSQL?", null, pre, "Database");
        expect(c, 24, false, "If PostgreSQL:", null, pre, "Database");
        expect(c, 25, false, "Install PostgreSQL server", 24, pre, "Database");
        expect(c, 28, false, "Set DATABASE_URL in .env", 24, pre, "Database");
        expect(c, 29, false, "Update settings.py to use dj-database-url", 24, pre, "Database");
        expect(c, 30, false, "If SQLite:", null, pre, "Database");
        expect(c, 33, false, "WAL mode enabled in settings", 30, pre, "Database");
        expect(c, 75, false, "Configure Gunicorn with 2-4 workers per CPU core", null,
                List.of("Production Deployment Checklist", "Server Setup"), "Process Manager");
        List<String> hardening = List.of("Production Deployment Checklist", "Security Hardening");
        expect(c, 121, false, "Configure UFW firewall:", null, hardening, "Server Level");
        expect(c, 122, false, "Allow SSH (22)", 121, hardening, "Server Level");
        expect(c, 125, false, "Deny all other incoming", 121, hardening, "Server Level");
        expect(c, 126, false, "Install fail2ban", null, hardening, "Server Level");
        expect(c, 174, false, "Configure backup retention policy (e.g., keep 30 days)", null,
                List.of("Production Deployment Checklist", "Backup Strategy"), "Database Backups");
        expect(c, 207, false, "Test backup script execution", null,
                List.of("Production Deployment Checklist", "Backup Strategy"), "Backup Script Example");
        expect(c, 249, false, "Purchase domain name", null, List.of("Production Deployment Checklist"), "DNS & Domain");
        expect(c, 279, false, "Run smoke tests", null, List.of("Production Deployment Checklist", "Launch"), "Launch");
        expect(c, 381, false, "Optimize database queries", null,
                List.of("Production Deployment Checklist", "Performance Optimization"), "Server");
        assertThat(c.childrenOf(item(c, 24))).extracting(Item::line).containsExactly(25, 26, 27, 28, 29);
    }

    @Test
    void fastapiMlService() throws Exception {
        Checklist c = real("fastapi-ml-service.md");
        assertThat(c.items().getFirst().line()).isEqualTo(5);
        assertThat(c.items().getLast().line()).isEqualTo(147);
        expect(c, 5, true, "All tests passing - 13/13 tests pass", null, FASTAPI_TOP, "‚úÖ Code Quality & Testing");
        expect(c, 10, true, "Code cleanup - Unused files removed", null, FASTAPI_TOP, "‚úÖ Code Quality & Testing");
        expect(c, 16, true, "File upload limits - 10MB max size", null, FASTAPI_TOP, "‚úÖ Security");
        expect(c, 18, false, "Rate limiting - TODO: Add to nginx/production", null, FASTAPI_TOP, "‚úÖ Security");
        expect(c, 21, true, ".env file - Secrets not in code", null, FASTAPI_TOP, "‚úÖ Security");
        expect(c, 34, true, "Health endpoint - /health with detailed info", null, FASTAPI_TOP, "‚úÖ Backend API");
        expect(c, 45, true, "Backend health check - Connection verification with retry", null, FASTAPI_TOP, "‚úÖ Frontend (Streamlit)");
        expect(c, 57, false, "Backup strategy - Documented in deployment guide", null, FASTAPI_TOP, "‚úÖ Database");
        expect(c, 81, true, "README.md - Comprehensive overview", null, FASTAPI_TOP, "‚úÖ Documentation");
        expect(c, 93, true, "Response times - < 100ms (excluding ML)", null, FASTAPI_TOP, "‚úÖ Performance");
        expect(c, 106, false, "Auto-scaling - TODO: Configure if using cloud", null, FASTAPI_TOP, "‚úÖ Scalability");
        List<String> preLaunch = List.of("Production Readiness Checklist", "\uF8FFüîÑ Pre-Launch Tasks");
        expect(c, 111, true, "All features implemented", null, preLaunch, "Development Complete ‚úÖ");
        expect(c, 114, true, "Code reviewed", null, preLaunch, "Development Complete ‚úÖ");
        expect(c, 117, false, "Load testing - Test with concurrent users", null, preLaunch, "Pre-Production Tasks");
        expect(c, 132, false, "Systemd services - Create and enable services", null, preLaunch, "Production Setup");
        expect(c, 140, false, "Backup verification - Ensure backups running", null, preLaunch, "Launch Day");
        expect(c, 147, false, "Team training - Train support team", null, preLaunch, "Post-Launch");
        assertThat(c.items()).filteredOn(Item::claimed).hasSize(63);
    }

    // --- list kinds, nesting, headings ---

    @ParameterizedTest
    @ValueSource(strings = {"-", "*", "+", "1.", "1)"})
    void everyListMarkerHoldsItems(String marker) throws Exception {
        Checklist c = parse("# S\n\n" + marker + " [ ] One\n" + marker.replace('1', '2') + " [x] Two\n");
        assertThat(c.items()).extracting(Item::line, Item::text, Item::claimed)
                .containsExactly(tuple(3, "One", false), tuple(4, "Two", true));
    }

    @Test
    void itemsNestAtAnyDepth() throws Exception {
        Checklist c = parse("""
                - [ ] Level one
                  - [ ] Level two
                    1. [ ] Level three
                       * [x] Level four
                - [ ] Back at the top
                """);
        assertThat(c.items()).extracting(Item::line, Item::text).containsExactly(
                tuple(1, "Level one"), tuple(2, "Level two"), tuple(3, "Level three"), tuple(4, "Level four"),
                tuple(5, "Back at the top"));
        assertThat(item(c, 2).parentId()).isEqualTo(item(c, 1).id());
        assertThat(item(c, 3).parentId()).isEqualTo(item(c, 2).id());
        assertThat(item(c, 4).parentId()).isEqualTo(item(c, 3).id());
        assertThat(item(c, 5).parentId()).isNull();
    }

    @Test
    void plainListItemsAreNotItemsButTheirTaskChildrenAre() throws Exception {
        Checklist c = parse("""
                - Plain group
                  - [ ] Task inside
                - [ ] Task group
                  - Plain note
                """);
        assertThat(c.items()).extracting(Item::line, Item::text).containsExactly(tuple(2, "Task inside"), tuple(3, "Task group"));
        assertThat(item(c, 2).parentId()).isNull();
    }

    @Test
    void headingsOfEveryLevelAndSetextMakeTheSectionPath() throws Exception {
        Checklist c = parse("""
                # One
                ## Two
                ### Three
                #### Four
                ##### Five
                ###### Six
                - [ ] Deep

                #### Four again
                - [ ] Shallower

                Setext one
                ==========

                - [ ] Under setext one

                Setext two
                ----------

                - [ ] Under setext two
                """);
        assertThat(item(c, 7).section()).containsExactly("One", "Two", "Three", "Four", "Five", "Six");
        assertThat(item(c, 10).section()).containsExactly("One", "Two", "Three", "Four again");
        assertThat(item(c, 15).section()).containsExactly("Setext one");
        assertThat(item(c, 20).section()).containsExactly("Setext one", "Setext two");
    }

    @Test
    void skippedHeadingLevelsKeepOnlyTheHeadingsAbove() throws Exception {
        Checklist c = parse("# A\n### C\n- [ ] one\n## B\n- [ ] two\n");
        assertThat(item(c, 3).section()).containsExactly("A", "C");
        assertThat(item(c, 5).section()).containsExactly("A", "B");
    }

    @Test
    void itemsBeforeAnyHeadingHaveAnEmptySection() throws Exception {
        Checklist c = parse("- [ ] Alone\n");
        assertThat(item(c, 1).section()).isEmpty();
        assertThat(item(c, 1).id()).isEqualTo("alone");
    }

    @Test
    void emojiAndMojibakeHeadingsStayAsWritten() throws Exception {
        Checklist c = parse("## 🚀 Deploy\n- [ ] Ship it\n## ‚úÖ Security\n- [ ] Lock it\n## 🔐\n- [ ] Only emoji\n");
        assertThat(item(c, 2).section()).containsExactly("🚀 Deploy");
        assertThat(item(c, 2).id()).isEqualTo("deploy/ship-it");
        assertThat(item(c, 4).section()).containsExactly("‚úÖ Security");
        assertThat(item(c, 4).id()).isEqualTo("security/lock-it");
        assertThat(item(c, 6).id()).isEqualTo("only-emoji");
    }

    // --- item text ---

    @Test
    void boldTitleItemsKeepTheirWordsWithoutMarks() throws Exception {
        Checklist c = parse("- [x] **Rate limiting** - enabled on all API endpoints\n- [ ] __Auth__ — *required*\n");
        assertThat(item(c, 1).text()).isEqualTo("Rate limiting - enabled on all API endpoints");
        assertThat(item(c, 1).claimed()).isTrue();
        assertThat(item(c, 2).text()).isEqualTo("Auth — required");
    }

    @Test
    void inlineCodeAndLinksKeepTheirWords() throws Exception {
        Checklist c = parse("- [ ] Generate strong `JWT_SECRET` (min 32 characters), see [the guide](https://example.com/g)\n");
        assertThat(item(c, 1).text()).isEqualTo("Generate strong JWT_SECRET (min 32 characters), see the guide");
    }

    @Test
    void fencedCodeInsideAnItemBelongsToItAndIsNoItem() throws Exception {
        Checklist c = parse("""
                - [ ] Configure nginx
                  ```nginx
                  - [ ] not an item
                  client_max_body_size 10m;
                  ```
                - [ ] Reload nginx
                """);
        assertThat(c.items()).extracting(Item::line, Item::text).containsExactly(tuple(1, "Configure nginx"), tuple(6, "Reload nginx"));
        assertThat(item(c, 6).parentId()).isNull();
    }

    @Test
    void indentedCodeInsideAnItemBelongsToItAndIsNoItem() throws Exception {
        Checklist c = parse("""
                - [ ] Run the backup

                      - [ ] not an item
                      pg_dump app > app.sql

                - [ ] Restore it
                """);
        assertThat(c.items()).extracting(Item::line, Item::text).containsExactly(tuple(1, "Run the backup"), tuple(6, "Restore it"));
    }

    @Test
    void taskListsInsideTopLevelCodeBlocksAreNotItems() throws Exception {
        Checklist c = parse("""
                ```markdown
                - [ ] fenced example
                ```

                    - [ ] indented example

                ~~~
                - [x] tilde fence
                ~~~
                - [ ] Real
                """);
        assertThat(c.items()).extracting(Item::line, Item::text).containsExactly(tuple(10, "Real"));
    }

    @Test
    void groupItemsWhoseOnlyContentIsSubItems() throws Exception {
        Checklist c = parse("""
                - [ ] Firewall:
                  - [ ] Allow 443
                  - [ ] Deny the rest
                - [ ] Group with a blank line

                  - [ ] Child after a blank line
                """);
        assertThat(c.childrenOf(item(c, 1))).extracting(Item::line).containsExactly(2, 3);
        assertThat(c.childrenOf(item(c, 4))).extracting(Item::line).containsExactly(6);
    }

    @Test
    void anItemStartingWithABlankLineIsAtItsCheckboxLine() throws Exception {
        Checklist c = parse("-\n  [ ] Box on the second line\n- [ ] Next\n");
        assertThat(c.items()).extracting(Item::line, Item::text).containsExactly(tuple(2, "Box on the second line"), tuple(3, "Next"));
    }

    @Test
    void uppercaseXIsTicked() throws Exception {
        Checklist c = parse("- [X] Shouted\n- [x] Whispered\n- [ ] Open\n");
        assertThat(c.items()).extracting(Item::claimed).containsExactly(true, true, false);
    }

    @Test
    void lazyContinuationLinesJoinTheItemText() throws Exception {
        Checklist c = parse("- [ ] First line\ncontinued lazily\n- [ ] Next\n");
        assertThat(c.items()).extracting(Item::line, Item::text)
                .containsExactly(tuple(1, "First line continued lazily"), tuple(3, "Next"));
    }

    @Test
    void blockquotedTaskListsAreItems() throws Exception {
        Checklist c = parse("## Quoted\n> - [ ] In a quote\n>   - [x] Nested in a quote\n> > 1. [ ] Deeper quote\n");
        assertThat(c.items()).extracting(Item::line, Item::text, Item::claimed).containsExactly(
                tuple(2, "In a quote", false), tuple(3, "Nested in a quote", true), tuple(4, "Deeper quote", false));
        assertThat(item(c, 3).parentId()).isEqualTo(item(c, 2).id());
    }

    @Test
    void bracketsThatAreNotACheckboxAreNoItem() throws Exception {
        Checklist c = parse("- [ ]no space\n- [link](x) text\n- [y] other letter\n- [] empty\n- [ ] Real one\n");
        assertThat(c.items()).extracting(Item::line).containsExactly(5);
    }

    // --- line ends, BOM, tabs, read from disk ---

    @Test
    void crlfLineEndsCountLinesAsWritten() throws Exception {
        Checklist c = readBytes("# S\r\n\r\n- [ ] One\r\n  - [x] Two\r\n```\r\n- [ ] no\r\n```\r\n- [ ] Three\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(c.items()).extracting(Item::line, Item::text, Item::claimed)
                .containsExactly(tuple(3, "One", false), tuple(4, "Two", true), tuple(8, "Three", false));
    }

    @Test
    void oldMacLineEndsCountAsLines() throws Exception {
        Checklist c = readBytes("# S\r- [ ] One\r- [ ] Two\r".getBytes(StandardCharsets.UTF_8));
        assertThat(c.items()).extracting(Item::line).containsExactly(2, 3);
    }

    @Test
    void aByteOrderMarkChangesNothing() throws Exception {
        Checklist c = readBytes("\uFEFF# Title\n- [ ] First\n".getBytes(StandardCharsets.UTF_8));
        assertThat(item(c, 2).section()).containsExactly("Title");
        Checklist bomOnItem = readBytes("\uFEFF- [x] Right away\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bomOnItem.items()).extracting(Item::line, Item::text, Item::claimed).containsExactly(tuple(1, "Right away", true));
    }

    @Test
    void tabsIndentAndSeparate() throws Exception {
        Checklist c = parse("-\t[ ]\tTabbed marker\n\t- [ ] Tab-indented child\n\t\t- [x] Two tabs deep\n");
        assertThat(c.items()).extracting(Item::line, Item::text)
                .containsExactly(tuple(1, "Tabbed marker"), tuple(2, "Tab-indented child"), tuple(3, "Two tabs deep"));
        assertThat(item(c, 2).parentId()).isEqualTo(item(c, 1).id());
        assertThat(item(c, 3).parentId()).isEqualTo(item(c, 2).id());
    }

    @Test
    void realChecklistWithCrlfAndBomGivesTheSameItems() throws Exception {
        String original = Files.readString(resource("django-file-to-api.md"));
        Checklist variant = readBytes(("\uFEFF" + original.replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        Checklist plain = real("django-file-to-api.md");
        assertThat(variant.items()).extracting(Item::id, Item::line, Item::text, Item::section, Item::parentId)
                .containsExactlyElementsOf(plain.items().stream()
                        .map(i -> tuple(i.id(), i.line(), i.text(), i.section(), i.parentId())).toList());
    }

    // --- ids and directives ---

    @Test
    void directiveIdOverridesTheDerivedId() throws Exception {
        Checklist c = parse("## Security\n- [ ] Rotate keys <!-- preflight: id=key-rotation -->\n- [ ] Other\n");
        assertThat(item(c, 2).id()).isEqualTo("key-rotation");
        assertThat(item(c, 2).text()).isEqualTo("Rotate keys");
        assertThat(item(c, 2).directive().id()).isEqualTo("key-rotation");
    }

    @Test
    void duplicateDerivedIdsGetANumber() throws Exception {
        Checklist c = parse("## Daily\n- [ ] Check logs\n- [ ] Check logs\n- [ ] Check logs\n");
        assertThat(c.items()).extracting(Item::id).containsExactly("daily/check-logs", "daily/check-logs-2", "daily/check-logs-3");
    }

    @Test
    void aDerivedIdNeverTakesAnExplicitOne() throws Exception {
        Checklist c = parse("- [ ] Alpha <!-- preflight: id=beta -->\n- [ ] Beta\n");
        assertThat(c.items()).extracting(Item::id).containsExactly("beta", "beta-2");
    }

    @Test
    void aRepeatedExplicitIdIsAnError() {
        assertThatThrownBy(() -> parse("- [ ] A <!-- preflight: id=same -->\n- [ ] B <!-- preflight: id=same -->\n"))
                .isInstanceOf(ChecklistException.class)
                .hasMessage("test.md:2: id 'same' is used by an earlier item too");
    }

    @Test
    void idsStayWhenUnrelatedPartsChange() throws Exception {
        String before = """
                # Checklist
                ## Security
                - [ ] Set DEBUG=False
                - [ ] Rotate keys
                ## Ops
                - [ ] Enable backups
                  - [ ] Test restore
                """;
        String after = """
                # Checklist, renamed
                ## New section above
                - [ ] Something new
                ## Ops
                - [ ] Added first in Ops
                - [ ] Enable backups
                  - [ ] Test restore
                ## Security
                - [ ] Rotate keys
                - [ ] Another new one
                - [x] Set DEBUG=False
                """;
        Map<String, Item> old = parse(before).byId();
        Map<String, Item> now = parse(after).byId();
        assertThat(now.keySet()).containsAll(old.keySet());
        assertThat(now.get("ops/test-restore").parentId()).isEqualTo("ops/enable-backups");
    }

    @Test
    void aBadDirectiveIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> parse("# S\n\n- [ ] Rate limit <!-- preflight: burst=40 -->\n"))
                .isInstanceOf(ChecklistException.class)
                .hasMessageStartingWith("test.md:3: parameter 'burst=40' comes before any check id");
    }

    @Test
    void directivesOutsideItemsAreIgnored() throws Exception {
        Checklist c = parse("<!-- preflight: nonsense words -->\n- [ ] Fine\n");
        assertThat(c.items()).extracting(Item::text).containsExactly("Fine");
    }

    // --- reading files ---

    @Test
    void readRefusesWhatIsNotAChecklist() throws Exception {
        Path bin = dir.resolve("bin.md");
        Files.write(bin, new byte[] {'#', ' ', 'a', '\n', 0, 1, 2});
        assertThatThrownBy(() -> ChecklistParser.read(bin)).hasMessage(bin + ":2: binary content (a NUL byte); a checklist is a Markdown text file");
        Path latin1 = dir.resolve("latin1.md");
        Files.write(latin1, "- [ ] ok\n- [ ] caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ChecklistParser.read(latin1)).hasMessage(latin1 + ":2: not valid UTF-8 (byte 0xE9); save the checklist as UTF-8");
        Path longLine = dir.resolve("long.md");
        Files.writeString(longLine, "- [ ] ok\n" + "x".repeat(100_000) + "\n");
        assertThatThrownBy(() -> ChecklistParser.read(longLine)).hasMessageStartingWith(longLine + ":2: line is 100,000 characters long");
        assertThatThrownBy(() -> ChecklistParser.read(dir)).hasMessageStartingWith(dir + ": is a directory");
        assertThatThrownBy(() -> ChecklistParser.read(dir.resolve("missing.md"))).hasMessage(dir.resolve("missing.md") + ": no such file");
    }

    // --- helpers ---

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ChecklistParserTest.class.getResource("/checklists/" + name).toURI());
    }

    private static Checklist real(String name) throws Exception {
        return new ChecklistParser().parse(resource(name));
    }

    private static Checklist parse(String markdown) throws ChecklistException {
        return new ChecklistParser().parse(Path.of("test.md"), markdown);
    }

    private Checklist readBytes(byte[] bytes) throws IOException, ChecklistException {
        Path file = Files.createTempFile(dir, "checklist", ".md");
        Files.write(file, bytes);
        return new ChecklistParser().parse(file);
    }

    private static Item item(Checklist c, int line) {
        return c.items().stream().filter(i -> i.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no item at line " + line + " in " + c.items()));
    }

    private static void expect(Checklist c, int line, boolean claimed, String text, Integer parentLine,
                               List<String> sectionTop, String innermost) {
        Item item = item(c, line);
        List<String> section = new java.util.ArrayList<>(sectionTop);
        section.add(innermost);
        assertThat(item.text()).as("text at line %d", line).isEqualTo(text);
        assertThat(item.claimed()).as("claimed at line %d", line).isEqualTo(claimed);
        assertThat(item.section()).as("section at line %d", line).containsExactlyElementsOf(section);
        assertThat(item.parentId()).as("parent at line %d", line).isEqualTo(parentLine == null ? null : item(c, parentLine).id());
    }
}
