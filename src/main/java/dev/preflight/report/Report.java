package dev.preflight.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.preflight.check.Evidence;
import dev.preflight.check.Status;

/**
 * A run's result as every format shows it; serialized as-is for {@code --format json}
 * (schema {@value #SCHEMA}, documented in docs/report-schema.json). {@code reasons} say why the
 * verdict is what it is; {@code warnings} name what the run noticed besides, such as a sign-off
 * that matches no item any more.
 */
@JsonPropertyOrder({"schema", "tool", "checklist", "verdict", "counts", "coverage", "reasons", "warnings", "items"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(String schema, Tool tool, ChecklistInfo checklist, Verdict verdict, Map<Status, Integer> counts,
                     Coverage coverage, List<String> reasons, List<String> warnings, List<ItemReport> items, Instant generatedAt, long durationMs,
                     boolean interrupted) {

    public static final String SCHEMA = "preflight-report/1";

    public enum Verdict { GO, NO_GO, GO_WITH_WAIVERS }

    public record Tool(String name, String version) {
    }

    public record ChecklistInfo(String path, int items) {
    }

    /**
     * How much of the checklist a machine verified, so that a GO over the repository alone does not
     * read like a full go-live.
     */
    public record Coverage(List<String> targets, int verified, int manual, int attested, int unverified,
                           Map<String, Integer> unverifiedBecause, String statement) {
    }

    @JsonPropertyOrder({"id", "line", "text", "section", "parent", "claimed", "status", "falseClaim", "blocking", "reason", "checks"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemReport(String id, int line, String text, List<String> section, String parent, boolean claimed,
                             Status status, boolean falseClaim, boolean blocking, String reason, List<CheckReport> checks,
                             AttestationInfo attestation, WaiverInfo waiver) {
    }

    @JsonPropertyOrder({"id", "status", "summary", "params", "evidence", "durationMs"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckReport(String id, String title, Status status, String summary, Map<String, String> params,
                              List<Evidence> evidence, String remediation, long durationMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttestationInfo(String by, String role, Instant at, LocalDate expires, String note, String state) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WaiverInfo(String reason, String approver, LocalDate expires, boolean active) {
    }

    public List<ItemReport> falseClaims() {
        return items.stream().filter(ItemReport::falseClaim).toList();
    }
}
