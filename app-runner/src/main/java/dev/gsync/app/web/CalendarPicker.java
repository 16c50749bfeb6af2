package dev.gsync.app.web;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.google.GoogleCalendarDirectory.Entry;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * The settings page's choice of Google calendars, from the user's calendar list: which calendars are synced, and
 * which writable one receives new CRM items (stored first in {@link SyncSettings#googleCalendars()}). Ids are checked
 * against the list, so only calendars the user really has can be saved.
 *
 * Calendars shared with the user read-only (reader, freeBusyReader) may be synced, one way: their events come to the
 * CRM, CRM edits of the copies are never sent (rule R13, with the role read from Google at each run); they cannot
 * receive new CRM items.
 */
public final class CalendarPicker {
    /** Form fields: the target calendar (one), and each further calendar synced (repeated). */
    static final String TARGET = "targetCalendar", ALSO = "alsoCalendar";

    private CalendarPicker() {}

    /** The calendars to store, target first; Left: what is wrong, for the calendar field. */
    static Either<String, Seq<String>> choose(String target, Seq<String> also, Seq<Entry> available) {
        if (target == null || target.isBlank()) return Either.left("choose the calendar that receives new CRM items");
        Seq<String> wanted = List.of(target.strip()).appendAll(also.map(String::strip).filter(id -> !id.isEmpty())).distinct();
        return check(wanted, available);
    }

    /** Every id must be on the list; the first (the target for new CRM items) must be writable. */
    public static Either<String, Seq<String>> check(Seq<String> wanted, Seq<Entry> available) {
        for (String id : wanted) {
            var entry = find(id, available);
            if (entry.isEmpty()) return Either.left("'" + id + "' is not one of your Google calendars");
            if (id.equals(wanted.head()) && !entry.get().writable())
                return Either.left("'" + entry.get().summary() + "' is shared with you read-only (" + entry.get().accessRole()
                        + "): it cannot receive new CRM items; choose a calendar you can write to first");
        }
        return Either.right(wanted);
    }

    /** "primary" stands for the user's primary calendar, whatever its id. */
    static io.vavr.control.Option<Entry> find(String id, Seq<Entry> available) {
        return available.find(e -> e.id().equals(id) || (id.equals(SyncSettings.PRIMARY_CALENDAR) && e.primary()));
    }

    static String html(Seq<Entry> available, Seq<String> current, io.vavr.collection.Map<String, String> errors) {
        String target = current.headOption().getOrElse(SyncSettings.PRIMARY_CALENDAR);
        StringBuilder b = new StringBuilder("<fieldset id=\"calendar-picker\"><legend>Google calendars</legend>")
                .append("<table><tr><th>Calendar</th><th>Your access</th><th>Receives new CRM items</th><th>Also synced</th></tr>");
        for (Entry e : available) {
            boolean isTarget = find(target, List.of(e)).isDefined();
            boolean isAlso = !isTarget && current.exists(id -> find(id, List.of(e)).isDefined());
            String targetDisabled = e.writable() ? "" : " disabled";
            b.append("<tr class=\"calendar\" data-id=\"").append(Html.esc(e.id())).append("\"><td><span class=\"swatch\" style=\"background:")
                    .append(Html.esc(e.colour().matches("#[0-9a-fA-F]{3,8}") ? e.colour() : "#ccc")).append("\"></span> ")
                    .append(Html.esc(e.summary())).append(e.primary() ? " (primary)" : "").append("</td><td class=\"role\">")
                    .append(Html.esc(e.accessRole())).append(e.writable() ? "" : " – read-only: synced to the CRM only").append("</td>")
                    .append("<td><input type=\"radio\" name=\"").append(TARGET).append("\" value=\"").append(Html.esc(e.id())).append("\"")
                    .append(isTarget ? " checked" : "").append(targetDisabled).append("></td>")
                    .append("<td><input type=\"checkbox\" name=\"").append(ALSO).append("\" value=\"").append(Html.esc(e.id())).append("\"")
                    .append(isAlso ? " checked" : "").append("></td></tr>");
        }
        b.append("</table>");
        errors.get(SettingsForm.CALENDARS).forEach(message -> b.append("<span class=\"error\" id=\"").append(SettingsForm.CALENDARS)
                .append("-error\">").append(Html.esc(message)).append("</span>"));
        return b.append("</fieldset>").toString();
    }
}
