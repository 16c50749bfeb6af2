package dev.gsync.core.model;

import io.vavr.control.Option;

import java.util.Locale;
import java.util.Objects;

/** Someone invited to an event. E-mail addresses are compared case-insensitively, so they are kept lower case. */
public record Attendee(String email, Option<String> name, Response response) {
    public enum Response { NEEDS_ACTION, ACCEPTED, DECLINED, TENTATIVE }

    public Attendee {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(response, "response");
        email = email.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) throw new IllegalArgumentException("attendee without e-mail");
    }

    public static Attendee of(String email) {
        return new Attendee(email, Option.none(), Response.NEEDS_ACTION);
    }
}
