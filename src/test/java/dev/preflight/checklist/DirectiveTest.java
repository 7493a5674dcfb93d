package dev.preflight.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.preflight.checklist.Directive.DirectiveException;
import dev.preflight.checklist.Directive.ExplicitBinding;

class DirectiveTest {

    @Test
    void aLineWithoutACommentHasNoDirective() throws Exception {
        assertThat(Directive.parse("- [ ] Rate limiting")).isSameAs(Directive.NONE);
        assertThat(Directive.parse("- [ ] Keep <!-- a plain comment -->")).isSameAs(Directive.NONE);
        assertThat(Directive.NONE.isEmpty()).isTrue();
    }

    @Test
    void aCheckIdBindsThatCheck() throws Exception {
        Directive d = Directive.parse("- [ ] Health <!-- preflight: http.health -->");
        assertThat(d.bindings()).containsExactly(new ExplicitBinding("http.health", Map.of()));
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void keyValueWordsAreParametersOfTheCheckBeforeThem() throws Exception {
        Directive d = Directive.parse("- [ ] x <!-- preflight: http.rate-limit path=/api burst=40 http.health path=/healthz -->");
        assertThat(d.bindings()).containsExactly(
                new ExplicitBinding("http.rate-limit", Map.of("path", "/api", "burst", "40")),
                new ExplicitBinding("http.health", Map.of("path", "/healthz")));
    }

    @Test
    void manualKeepsTheItemManual() throws Exception {
        Directive d = Directive.parse("- [ ] Train the team <!--preflight: manual-->");
        assertThat(d.manual()).isTrue();
        assertThat(d.bindings()).isEmpty();
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void idNamesTheItem() throws Exception {
        Directive d = Directive.parse("- [ ] x <!-- preflight: id=ops/key-rotation_2 -->");
        assertThat(d.id()).isEqualTo("ops/key-rotation_2");
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void recordedStatusAndSinceAreNotBindings() throws Exception {
        Directive d = Directive.parse("- [x] x <!-- preflight: id=a repo.docs status=PASS since=2026-11-22 -->");
        assertThat(d.recorded()).containsExactlyInAnyOrderEntriesOf(Map.of("status", "PASS", "since", "2026-11-22"));
        assertThat(d.bindings()).containsExactly(new ExplicitBinding("repo.docs", Map.of()));
        assertThat(Directive.parse("- [x] x <!-- preflight: status=FAIL since=2026-01-01 -->").isEmpty()).isTrue();
    }

    @Test
    void everythingTogetherInAnyOrder() throws Exception {
        Directive d = Directive.parse("- [ ] x <!-- preflight: manual id=k http.health path=/h status=SKIP -->");
        assertThat(d).isEqualTo(new Directive("k", true, List.of(new ExplicitBinding("http.health", Map.of("path", "/h"))),
                Map.of("status", "SKIP")));
    }

    @Test
    void extraWhitespaceIsFine() throws Exception {
        Directive d = Directive.parse("- [ ] x <!--   preflight:\thttp.health    path=/h   -->");
        assertThat(d.bindings()).containsExactly(new ExplicitBinding("http.health", Map.of("path", "/h")));
        assertThat(Directive.parse("- [ ] x <!-- preflight: -->").isEmpty()).isTrue();
    }

    @Test
    void unknownWordsAreRejected() {
        assertThatThrownBy(() -> Directive.parse("<!-- preflight: healthcheck -->"))
                .isInstanceOf(DirectiveException.class)
                .hasMessage("unknown word 'healthcheck' in preflight comment (expected a check id such as http.health, 'manual', or key=value)");
    }

    @Test
    void parametersNeedACheckBeforeThem() {
        assertThatThrownBy(() -> Directive.parse("<!-- preflight: path=/h http.health -->"))
                .hasMessage("parameter 'path=/h' comes before any check id in preflight comment");
    }

    @Test
    void keyAndValueAreBothRequired() {
        assertThatThrownBy(() -> Directive.parse("<!-- preflight: http.health path= -->"))
                .hasMessage("'path=' in preflight comment needs both a key and a value");
        assertThatThrownBy(() -> Directive.parse("<!-- preflight: http.health =/h -->"))
                .hasMessage("'=/h' in preflight comment needs both a key and a value");
    }

    @Test
    void idsAreRestrictedToPlainCharacters() {
        assertThatThrownBy(() -> Directive.parse("<!-- preflight: id=-leading -->"))
                .hasMessage("id '-leading' may hold only letters, digits, '.', '_', '/' and '-'");
        assertThatThrownBy(() -> Directive.parse("<!-- preflight: id=a\"b -->"))
                .hasMessage("id 'a\"b' may hold only letters, digits, '.', '_', '/' and '-'");
    }

    @Test
    void aBadDirectiveInAChecklistNamesFileAndLine() {
        String markdown = "# Security\n\n- [ ] ok\n- [ ] Rate limiting <!-- preflight: http.rate-limit burst -->\n";
        assertThatThrownBy(() -> new ChecklistParser().parse(Path.of("docs/CHECKLIST.md"), markdown))
                .isInstanceOf(ChecklistException.class)
                .hasMessage("docs/CHECKLIST.md:4: unknown word 'burst' in preflight comment"
                        + " (expected a check id such as http.health, 'manual', or key=value)");
    }
}
