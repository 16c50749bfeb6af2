package dev.gsync.core.model;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

import java.util.Objects;

/**
 * RFC 5545 recurrence lines as Google keeps them ("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=...:...", "RDATE:...").
 * The core treats them as data; adapters parse them (with lib-recur) where they must expand or translate them.
 */
public record Recurrence(Seq<String> lines) {
    public static final Recurrence NONE = new Recurrence(List.empty());

    public Recurrence {
        Objects.requireNonNull(lines, "lines");
        lines = lines.map(String::strip).filter(l -> !l.isEmpty());
    }

    public static Recurrence of(String... lines) {
        return new Recurrence(List.of(lines));
    }

    public boolean isRecurring() {
        return !lines.isEmpty();
    }
}
