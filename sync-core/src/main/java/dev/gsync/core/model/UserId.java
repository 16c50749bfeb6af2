package dev.gsync.core.model;

import java.util.Objects;

/** A CRM user who syncs with their own Google account (for vtiger: the user name). */
public record UserId(String value) implements Comparable<UserId> {
    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("blank user id");
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
