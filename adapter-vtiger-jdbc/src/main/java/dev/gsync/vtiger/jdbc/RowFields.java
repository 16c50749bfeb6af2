package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.RecordFields;
import dev.gsync.vtiger.mapping.VtigerInvitee;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves vtiger's rows into and out of the shared mapping: columns under the webservice field names the mapping
 * speaks ({@code status} is {@code taskstatus}, {@code priority} is {@code taskpriority}, the reminder row is
 * {@code reminder_time}), and the mapping's values back into the rows. No meaning is given to any value here.
 */
final class RowFields {
    private RowFields() {}

    /** What this transport holds: the shared fields, plus an event's recurrence and attendees (tables the webservice hides). */
    static final Set<Field> EVENT_FIELDS = ActivityMapping.EVENT_FIELDS.add(Field.RECURRENCE).add(Field.ATTENDEES);
    static final Set<Field> TASK_FIELDS = ActivityMapping.TASK_FIELDS;

    static Set<Field> held(ItemKind kind) {
        return kind == ItemKind.EVENT ? EVENT_FIELDS : TASK_FIELDS;
    }

    static RecordFields of(Loaded r) {
        return RecordFields.of(values(r.entity(), r.activity(), r.reminderMinutes()));
    }

    static RecordFields of(CrmEntityRow e, ActivityRow a) {
        return RecordFields.of(values(e, a, Option.none()));
    }

    private static Map<String, String> values(CrmEntityRow e, ActivityRow a, Option<Integer> reminder) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("activitytype", a.activitytype);
        m.put("subject", a.subject);
        m.put("description", e.description);
        m.put("location", a.location);
        m.put("date_start", a.dateStart == null ? null : a.dateStart.toString());
        m.put("time_start", a.timeStart);
        m.put("due_date", a.dueDate == null ? null : a.dueDate.toString());
        m.put("time_end", a.timeEnd);
        m.put("notime", a.notime);
        m.put("visibility", a.visibility);
        m.put("eventstatus", a.eventstatus);
        m.put("taskstatus", a.status);
        m.put("reminder_time", reminder.map(Object::toString).getOrElse(""));
        m.put("modifiedtime", e.modifiedtime == null ? "" : ActivityMapping.dbDateTime(e.modifiedtime));
        return m;
    }

    static io.vavr.collection.List<VtigerInvitee> invitees(Loaded r) {
        return r.invitees();
    }

    /** Puts the mapping's values into the rows (the reminder and invitees live in other tables: the store writes them). */
    static void apply(Map<String, String> fields, CrmEntityRow e, ActivityRow a) {
        fields.forEach((name, value) -> {
            switch (name) {
                case "subject" -> {
                    a.subject = value;
                    e.label = value;
                }
                case "description" -> e.description = value;
                case "location" -> a.location = value;
                case "date_start" -> a.dateStart = LocalDate.parse(value);
                case "time_start" -> a.timeStart = value;
                case "due_date" -> a.dueDate = value.isEmpty() ? null : LocalDate.parse(value);
                case "time_end" -> a.timeEnd = value;
                case "notime" -> a.notime = value;
                case "visibility" -> a.visibility = value;
                case "eventstatus" -> a.eventstatus = value;
                case "taskstatus" -> a.status = value;
                case "duration_hours" -> a.durationHours = value;
                case "duration_minutes" -> a.durationMinutes = value;
                case "activitytype" -> a.activitytype = value;
                case "sendnotification" -> a.sendnotification = value;
                case "recurringtype" -> a.recurringtype = value;
                default -> { }   // reminder_time: its own table
            }
        });
    }

    /** The record's values under vtiger's field names, as the history (ModTracker) shows them. */
    static Map<String, String> historyValues(CrmEntityRow e, ActivityRow a, Option<Integer> reminder, String inviteeIds) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("subject", a.subject);
        m.put("assigned_user_id", Integer.toString(e.smownerid));
        m.put("activitytype", a.activitytype);
        m.put("date_start", a.dateStart == null ? null : a.dateStart.toString());
        m.put("time_start", a.timeStart);
        m.put("due_date", a.dueDate == null ? null : a.dueDate.toString());
        m.put("time_end", a.timeEnd);
        m.put("duration_hours", a.durationHours);
        m.put("duration_minutes", a.durationMinutes);
        m.put(a.isTask() ? "taskstatus" : "eventstatus", a.isTask() ? a.status : a.eventstatus);
        m.put("location", a.location);
        m.put("visibility", a.visibility);
        m.put("notime", a.notime);
        m.put("recurringtype", a.recurringtype);
        m.put("description", e.description);
        m.put("reminder_time", reminder.map(Object::toString).getOrNull());
        m.put("inviteesid", inviteeIds);
        return m;
    }
}
