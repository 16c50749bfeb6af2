package dev.gsync.core.port;

import dev.gsync.core.model.ExternalId;

import java.util.Objects;

/**
 * A value a side changed on the way (an end before the start, text cut to a column, an emoji replaced, an attendee
 * it cannot store), so that the user is told which record was changed and how. The item still synced.
 *
 * @param id    that side's id of the record
 * @param title the record's title, for people
 * @param what  what was done
 */
public record Notice(ExternalId id, String title, String what) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(what, "what");
    }

    public String describe() {
        return "changed on the way: " + id + " '" + title + "': " + what;
    }
}
