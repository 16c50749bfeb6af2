package dev.gsync.core.plan;

import dev.gsync.core.model.Side;

/** Both sides changed the same thing differently; {@code winner} prevailed under {@code rule}. */
public record Conflict(String subject, Side winner, String rule) {
    public static final String DELETE_VS_EDIT = "delete vs. edit";
}
