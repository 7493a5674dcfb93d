package dev.preflight.attest;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An accepted failure: the item may FAIL or ERROR until {@code expires} without stopping a GO. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Waiver(String item, String reason, String approver, LocalDate expires) {

    public boolean activeOn(LocalDate today) {
        return expires == null || !expires.isBefore(today);
    }
}
