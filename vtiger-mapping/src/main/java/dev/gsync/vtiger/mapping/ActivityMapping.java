package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Recurrence;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.Visibility;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * vtiger's calendar semantics in one place: a stored record ({@link RecordFields}) to a {@link CalendarItem} and an
 * item to the values to store, for both transports (JDBC and the webservice), which only move the values.
 * <ul>
 * <li>Kind: {@code activitytype} 'Task' is a to-do, anything else an event.</li>
 * <li>Times and zones, the all-day ({@code notime}) convention, to-do due times: {@link VtigerTimes}.</li>
 * <li>Statuses: {@link VtigerStatuses}. Visibility: 'Private' or 'Public' (the legacy default 'all' reads public).</li>
 * <li>Reminders: {@link Reminders}. Invitees: {@link Invitees}.</li>
 * <li>Text, emoji policy and the idempotency marker: {@link VtigerText}. Ids: {@link VtigerIds}. Versions:
 *     {@link VtigerVersions}.</li>
 * </ul>
 * Every value changed on the way is reported as a notice, so the run report can say which record was changed and how.
 */
public final class ActivityMapping {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What vtiger holds through either transport; the JDBC transport adds an event's recurrence and attendees. */
    public static final Set<Field> EVENT_FIELDS = HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.LOCATION, Field.TIMING,
            Field.VISIBILITY, Field.STATUS, Field.REMINDERS);
    public static final Set<Field> TASK_FIELDS = HashSet.of(Field.TITLE, Field.DESCRIPTION, Field.LOCATION, Field.TIMING,
            Field.DUE_TIME, Field.VISIBILITY, Field.STATUS);

    private final VtigerTimes times;
    private final NonBmpPolicy nonBmp;

    public ActivityMapping(VtigerTimes times, NonBmpPolicy nonBmp) {
        this.times = times;
        this.nonBmp = nonBmp;
    }

    public VtigerTimes times() {
        return times;
    }

    public static ItemKind kindOf(String activitytype) {
        return "Task".equals(activitytype) ? ItemKind.TASK : ItemKind.EVENT;
    }

    public static Set<Field> held(ItemKind kind) {
        return kind == ItemKind.EVENT ? EVENT_FIELDS : TASK_FIELDS;
    }

    // ---------------------------------------------------------------- reading

    /** The record as an item. Left: why it cannot be read (a broken date, say). */
    public Either<String, Reading> read(long crmid, RecordFields r, Seq<VtigerInvitee> invitees) {
        return Try.of(() -> readUnsafe(crmid, r, invitees)).toEither()
                .mapLeft(e -> "unreadable vtiger record " + crmid + ": " + e.getMessage());
    }

    private Reading readUnsafe(long crmid, RecordFields r, Seq<VtigerInvitee> invitees) {
        java.util.List<String> notices = new ArrayList<>();
        CalendarItem item = itemOf(r, invitees, notices);
        Option<String> key = VtigerText.splitMarker(VtigerText.htmlFromStore(r.text("description"))).key();
        String modified = r.text("modifiedtime");
        return new Reading(VtigerIds.record(crmid), item, VtigerVersions.of(modified, item, key.getOrElse("")),
                times.instant(LocalDateTime.parse(modified, DATETIME)), key.map(IdempotencyKey::new), List.ofAll(notices));
    }

    /** The record as an item, without version or notices (series grouping reads every member this way). */
    public CalendarItem item(RecordFields r, Seq<VtigerInvitee> invitees) {
        return itemOf(r, invitees, new ArrayList<>());
    }

    private CalendarItem itemOf(RecordFields r, Seq<VtigerInvitee> invitees, java.util.List<String> notices) {
        ItemKind kind = kindOf(r.text("activitytype"));
        String description = VtigerText.splitMarker(VtigerText.htmlFromStore(r.text("description"))).text();
        Timing timing = kind == ItemKind.EVENT ? times.event(r, notices) : times.task(r);
        return new CalendarItem(kind, VtigerText.plainFromStore(r.text("subject")), description,
                VtigerText.plainFromStore(r.text("location")), timing,
                "Private".equalsIgnoreCase(r.text("visibility")) ? Visibility.PRIVATE : Visibility.PUBLIC,
                VtigerStatuses.read(kind, r.text(VtigerStatuses.field(kind))), Recurrence.NONE, Option.none(),
                kind == ItemKind.EVENT ? Reminders.read(r.text("reminder_time")) : List.empty(),
                kind == ItemKind.EVENT ? Invitees.read(invitees) : List.empty());
    }

    /** The series comment's content of a record gsync made for a series over the webservice ({@link VtigerText#seriesComment}). */
    public static Option<String> seriesTag(RecordFields r) {
        return VtigerText.splitMarker(VtigerText.htmlFromStore(r.text("description"))).seriesTag();
    }

    public static String dbDateTime(LocalDateTime wall) {
        return wall.format(DATETIME);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Every field of a new record: what vtiger's own save fills ({@code activitytype}: {@code eventType} for events,
     * 'Task' for to-dos; no notification; not recurring) plus the item's values.
     */
    public Either<String, Fitted> forCreate(CalendarItem item, String eventType, Option<IdempotencyKey> marker) {
        return forCreate(item, eventType, marker, Option.none());
    }

    /** As {@link #forCreate(CalendarItem, String, Option)}, for a member of a series made over the webservice. */
    public Either<String, Fitted> forCreate(CalendarItem item, String eventType, Option<IdempotencyKey> marker, Option<String> seriesComment) {
        return fields(item, held(item.kind()), marker, seriesComment, RecordFields.of(Map.of())).map(f -> {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("activitytype", item.kind() == ItemKind.EVENT ? eventType : "Task");
            all.put("sendnotification", "0");
            all.put("recurringtype", "");
            all.putAll(f.fields());
            return new Fitted(all, f.notices());
        });
    }

    /**
     * The values carrying {@code fields} of {@code item}. {@code current} is the stored record when updating (statuses
     * vtiger distinguishes more finely are kept when they already mean the same); {@code marker} is the idempotency
     * key to keep at the end of the description. Left: why vtiger cannot take the item (emoji under REJECT).
     */
    public Either<String, Fitted> fields(CalendarItem item, Set<Field> fields, Option<IdempotencyKey> marker, RecordFields current) {
        return fields(item, fields, marker, Option.none(), current);
    }

    /** As above; {@code seriesComment} ({@link VtigerText#seriesComment}) goes before the marker. */
    public Either<String, Fitted> fields(CalendarItem item, Set<Field> fields, Option<IdempotencyKey> marker, Option<String> seriesComment,
                                         RecordFields current) {
        Map<String, String> e = new LinkedHashMap<>();
        java.util.List<String> notices = new ArrayList<>();
        boolean event = item.kind() == ItemKind.EVENT;
        if (fields.contains(Field.TITLE)) {
            String title = item.title();
            if (title.isBlank()) {
                title = VtigerText.NO_TITLE;
                notices.add("empty title stored as '" + VtigerText.NO_TITLE + "' (vtiger requires a subject)");
            }
            Either<String, String> stored = plain("title", title, VtigerText.TITLE_MAX, notices);
            if (stored.isLeft()) return Either.left(stored.getLeft());
            e.put("subject", stored.get());
        }
        if (fields.contains(Field.LOCATION)) {
            Either<String, String> stored = plain("location", item.location(), VtigerText.LOCATION_MAX, notices);
            if (stored.isLeft()) return Either.left(stored.getLeft());
            e.put("location", stored.get());
        }
        if (fields.contains(Field.DESCRIPTION)) {
            Either<String, Tuple2<String, Boolean>> fit = VtigerText.fitToBmp("description", item.description(), nonBmp);
            if (fit.isLeft()) return Either.left(fit.getLeft());
            if (fit.get()._2) notices.add("description: characters outside the BMP (emoji) replaced by U+FFFD");
            if (!VtigerText.htmlForStore(fit.get()._1).equals(fit.get()._1))
                notices.add("description: matches vtiger's script filter, so its HTML is stored escaped (vtiger shows it as text)");
            e.put("description", VtigerText.htmlForStore(fit.get()._1 + seriesComment.getOrElse("") + marker.map(k -> VtigerText.marker(k.value())).getOrElse("")));
        }
        if (fields.contains(Field.TIMING) || (!event && fields.contains(Field.DUE_TIME))) e.putAll(times.fields(item.timing()));
        if (fields.contains(Field.VISIBILITY)) e.put("visibility", item.isPrivate() ? "Private" : "Public");
        if (fields.contains(Field.STATUS)) {
            String field = VtigerStatuses.field(item.kind());
            e.put(field, VtigerStatuses.write(item.kind(), item.status(), current.text(field)));
        }
        if (event && fields.contains(Field.REMINDERS)) {
            if (item.reminders().size() > 1)
                notices.add("reminders " + item.reminders().mkString(", ") + " minutes: vtiger keeps one, the " + item.reminders().min().get() + " minutes one");
            e.put("reminder_time", Integer.toString(Reminders.storedMinutes(item.reminders())));
        }
        return Either.right(new Fitted(e, List.ofAll(notices)));
    }

    /** Plain text as stored: emoji policy, HTML-escaped, cut to the column when too long (and said so). */
    private Either<String, String> plain(String what, String text, int max, java.util.List<String> notices) {
        Either<String, Tuple2<String, Boolean>> fit = VtigerText.fitToBmp(what, text, nonBmp);
        if (fit.isLeft()) return Either.left(fit.getLeft());
        if (fit.get()._2) notices.add(what + ": characters outside the BMP (emoji) replaced by U+FFFD");
        String value = fit.get()._1;
        if (VtigerText.plainForStore(value).length() > max) {
            value = VtigerText.cutToFit(value, max);
            notices.add(what + " cut to vtiger's " + max + " characters");
        }
        return Either.right(VtigerText.plainForStore(value));
    }
}
