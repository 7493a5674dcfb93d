package dev.preflight.attest;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A person's sign-off on a manual item. {@code text} is the item's words when it was signed: when
 * they change, the attestation is stale and the item is MANUAL again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attestation(String item, String text, String by, String role, Instant at, LocalDate expires, String note) {

    public Freshness freshness(String currentText, LocalDate today) {
        if (!text.equals(currentText)) {
            return Freshness.STALE;
        }
        if (expires != null && expires.isBefore(today)) {
            return Freshness.EXPIRED;
        }
        return Freshness.FRESH;
    }

    public enum Freshness { FRESH, STALE, EXPIRED }
}
