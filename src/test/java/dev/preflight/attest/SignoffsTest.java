package dev.preflight.attest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.checklist.Checklist;
import dev.preflight.checklist.ChecklistException;
import dev.preflight.checklist.ChecklistParser;
import dev.preflight.checklist.Item;

class SignoffsTest {
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    private static List<Item> items(String markdown) throws ChecklistException {
        Checklist checklist = new ChecklistParser().parse(Path.of("CHECKLIST.md"), markdown);
        return checklist.items();
    }

    private static Attestation attestation(String id, String text) {
        return new Attestation(id, text, "Dana", "security lead", AT, null, null);
    }

    @Test
    void anAttestationFindsItsItemById() throws Exception {
        List<Item> items = items("## Security\n- [ ] Pen test done by an outside firm\n");
        Signoffs signoffs = new Signoffs(items, new AttestationFile(
                List.of(attestation("security/pen-test-done-by-an-outside-firm", "Pen test done by an outside firm")), List.of()));

        assertThat(signoffs.attestation(items.getFirst())).isPresent();
        assertThat(signoffs.orphans()).isEmpty();
    }

    @Test
    void anEditedItemKeepsItsAttestationWhichThenReadsAsStale() throws Exception {
        List<Item> items = items("## Security\n- [ ] Pen test done by an external firm\n- [ ] Threat model reviewed\n");
        Attestation old = attestation("security/pen-test-done-by-an-outside-firm", "Pen test done by an outside firm");

        Signoffs signoffs = new Signoffs(items, new AttestationFile(List.of(old), List.of()));

        Item edited = items.getFirst();
        assertThat(signoffs.attestation(edited)).contains(old);
        assertThat(old.freshness(edited.text(), LocalDate.of(2026, 11, 22))).isEqualTo(Attestation.Freshness.STALE);
        assertThat(signoffs.attestation(items.get(1))).isEmpty();
    }

    @Test
    void anAttestationOfARemovedItemIsReportedAsAnOrphanNotMatchedToAnUnrelatedOne() throws Exception {
        List<Item> items = items("## Security\n- [ ] Threat model reviewed\n## Launch\n- [ ] Pen test done by an outside firm\n");
        Attestation removed = attestation("security/pen-test-done-by-an-outside-firm", "Pen test done by an outside firm");

        Signoffs signoffs = new Signoffs(items, new AttestationFile(List.of(removed), List.of()));

        assertThat(items).allSatisfy(i -> assertThat(signoffs.attestation(i)).isEmpty());
        assertThat(signoffs.orphans()).containsExactly(
                "the attestation of 'security/pen-test-done-by-an-outside-firm' by Dana matches no item of the checklist");
    }

    @Test
    void aWaiverOfAMissingItemIsAnOrphan() throws Exception {
        List<Item> items = items("## Docs\n- [ ] Runbook written\n");
        Signoffs signoffs = new Signoffs(items, new AttestationFile(List.of(),
                List.of(new Waiver("docs/troubleshooting-guide", "later", "Sam", LocalDate.of(2099, 1, 1)))));

        assertThat(signoffs.orphans()).singleElement().asString().contains("waiver of 'docs/troubleshooting-guide'");
    }
}
