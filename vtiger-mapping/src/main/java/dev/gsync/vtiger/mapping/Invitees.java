package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.Attendee;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

import java.util.Locale;
import java.util.Map;

/**
 * Attendees, both ways. vtiger's invitees are its users: an attendee is stored when an active vtiger user has that
 * e-mail address (status {@code sent}, or {@code accepted}), anyone else is dropped, and said so. They read back with
 * vtiger's first + last name; DECLINED/TENTATIVE read back as NEEDS_ACTION.
 */
public final class Invitees {
    private Invitees() {}

    /** One invitee row to write. */
    public record Row(int userId, String status) {}

    /** What can be stored, and a notice per attendee that cannot. */
    public record Storable(List<Row> rows, List<String> dropped) {}

    static Seq<Attendee> read(Seq<VtigerInvitee> invitees) {
        return invitees.filter(i -> i.email() != null && !i.email().isBlank()).map(i -> {
            String name = i.name() == null ? "" : i.name().strip();
            return new Attendee(i.email(), name.isEmpty() ? Option.none() : Option.of(name),
                    "accepted".equalsIgnoreCase(i.status()) ? Attendee.Response.ACCEPTED : Attendee.Response.NEEDS_ACTION);
        });
    }

    /**
     * @param usersByEmail active vtiger users by lower-case e-mail
     * @param owner        the record's owner, who is no invitee of their own event
     */
    public static Storable storable(Seq<Attendee> attendees, Map<String, Integer> usersByEmail, int owner) {
        List<Row> rows = List.empty();
        List<String> dropped = List.empty();
        for (Attendee a : attendees) {
            Integer user = usersByEmail.get(a.email().toLowerCase(Locale.ROOT));
            if (user == null) {
                dropped = dropped.append("attendee " + a.email() + " is not a vtiger user: not stored (vtiger invites users only)");
                continue;
            }
            if (user == owner || rows.exists(r -> r.userId() == user)) continue;
            rows = rows.append(new Row(user, a.response() == Attendee.Response.ACCEPTED ? "accepted" : "sent"));
        }
        return new Storable(rows, dropped);
    }
}
