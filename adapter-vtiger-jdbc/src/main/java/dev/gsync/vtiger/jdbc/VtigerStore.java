package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.Attendee;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.IdempotencyKey;
import dev.gsync.vtiger.mapping.ActivityMapping;
import dev.gsync.vtiger.mapping.VtigerRecurrence;
import dev.gsync.vtiger.mapping.Fitted;
import dev.gsync.vtiger.mapping.Invitees;
import dev.gsync.vtiger.mapping.Reminders;
import dev.gsync.vtiger.mapping.VtigerInvitee;
import dev.gsync.vtiger.mapping.VtigerSeries;
import dev.gsync.vtiger.mapping.VtigerText;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.control.Option;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * vtiger's tables for one user's calendar records: reading records with their reminder, invitees and series
 * membership, and writing them the way vtiger's own save does (vtiger-facts.md §3 and §7). Runs inside the caller's
 * transaction; every method takes the {@link Sql} of that transaction.
 */
final class VtigerStore {
    private static final int CHUNK = 500;

    private final VtigerJdbcConfig config;
    private final DbTimes times;
    private final ActivityMapping mapper;
    private final int userId;

    VtigerStore(VtigerJdbcConfig config, DbTimes times, ActivityMapping mapper, int userId) {
        this.config = config;
        this.times = times;
        this.mapper = mapper;
        this.userId = userId;
    }

    int userId() {
        return userId;
    }

    // ---------------------------------------------------------------- reading

    /** The calendar records among {@code ids} (other modules' records are left out), by id. */
    Map<Integer, Loaded> load(Sql sql, Collection<Integer> ids) {
        Map<Integer, Loaded> out = new HashMap<>();
        for (java.util.List<Integer> chunk : chunks(ids)) {
            Map<Integer, CrmEntityRow> entities = new HashMap<>();
            for (CrmEntityRow e : sql.em().createQuery("SELECT e FROM CrmEntityRow e WHERE e.crmid IN :ids", CrmEntityRow.class)
                    .setParameter("ids", chunk).getResultList()) {
                if ("Calendar".equals(e.setype)) entities.put(e.crmid, e);
            }
            if (entities.isEmpty()) continue;
            Map<Integer, ActivityRow> activities = new HashMap<>();
            for (ActivityRow a : sql.em().createQuery("SELECT a FROM ActivityRow a WHERE a.activityid IN :ids", ActivityRow.class)
                    .setParameter("ids", entities.keySet()).getResultList()) {
                activities.put(a.activityid, a);
            }
            java.util.List<Integer> present = new ArrayList<>(activities.keySet());
            if (present.isEmpty()) continue;
            Map<Integer, Integer> reminders = new HashMap<>();
            for (Object[] r : sql.rows("SELECT activity_id, reminder_time FROM vtiger_activity_reminder WHERE activity_id IN (" + Sql.marks(present) + ")", present)) {
                reminders.merge(Sql.toInt(r[0]), Sql.toInt(r[1]), Math::min);
            }
            Map<Integer, java.util.List<VtigerInvitee>> invitees = new HashMap<>();
            for (Object[] r : sql.rows("SELECT i.activityid, i.inviteeid, u.email1, u.first_name, u.last_name, i.status FROM vtiger_invitees i "
                    + "LEFT JOIN vtiger_users u ON u.id = i.inviteeid WHERE i.activityid IN (" + Sql.marks(present) + ")", present)) {
                String name = (Objects.toString(r[3], "") + " " + Objects.toString(r[4], "")).strip();
                invitees.computeIfAbsent(Sql.toInt(r[0]), k -> new ArrayList<>())
                        .add(new VtigerInvitee(Sql.toInt(r[1]), (String) r[2], name, (String) r[5]));
            }
            Map<Integer, Integer> parents = seriesParents(sql, present);
            for (Integer id : present) {
                ActivityRow a = activities.get(id);
                if ("Emails".equals(a.activitytype)) continue;
                Loaded plain = new Loaded(entities.get(id), a, Option.of(reminders.get(id)),
                        List.ofAll(invitees.getOrDefault(id, java.util.List.of())), Option.of(parents.get(id)));
                // a record gsync made for a series over the webservice names its series in a comment (D36)
                Option<Integer> named = plain.seriesParent().isDefined() ? Option.none()
                        : VtigerSeries.Tag.of(RowFields.of(plain)).flatMap(t -> Unit.number(t.series()));
                out.put(id, named.isEmpty() ? plain : new Loaded(plain.entity(), a, plain.reminderMinutes(), plain.invitees(), named, true));
            }
        }
        return out;
    }

    /** Series parent of each id that belongs to a series (vtiger_activity_recurring_info [7.0+]). */
    Map<Integer, Integer> seriesParents(Sql sql, Collection<Integer> ids) {
        Map<Integer, Integer> out = new HashMap<>();
        for (java.util.List<Integer> chunk : chunks(ids)) {
            for (Object[] r : sql.rows("SELECT recurrenceid, activityid FROM vtiger_activity_recurring_info WHERE recurrenceid IN (" + Sql.marks(chunk) + ")", chunk)) {
                out.merge(Sql.toInt(r[0]), Sql.toInt(r[1]), Math::min);
            }
        }
        return out;
    }

    /**
     * D35: the series of this user (by parent) with a live member of the same title and type as {@code deleted}.
     * vtiger's UI "delete this occurrence only" removes the record's link and rule rows with it (vtiger-facts.md
     * §8.4), so nothing names the series it left; these are the candidates, read again by the feed.
     */
    java.util.List<Integer> seriesWithTitleOf(Sql sql, ActivityRow deleted) {
        return sql.ints("SELECT DISTINCT ri.activityid FROM vtiger_activity_recurring_info ri "
                + "JOIN vtiger_activity a ON a.activityid = ri.recurrenceid JOIN vtiger_crmentity e ON e.crmid = ri.recurrenceid "
                + "WHERE e.smownerid = ? AND e.deleted = 0 AND e.setype = 'Calendar' AND a.subject = ? AND a.activitytype = ? "
                + "ORDER BY ri.activityid", userId, deleted.subject, deleted.activitytype);
    }

    java.util.List<Integer> members(Sql sql, int parent) {
        return sql.ints("SELECT recurrenceid FROM vtiger_activity_recurring_info WHERE activityid = ? ORDER BY recurrenceid", parent);
    }

    /**
     * The user's live records whose series comment names the series of {@code parent} (made over the webservice,
     * which cannot write vtiger's series rows). One LIKE over the user's live calendar rows.
     */
    java.util.List<Integer> taggedMembers(Sql sql, int parent) {
        return sql.ints("SELECT crmid FROM vtiger_crmentity WHERE smownerid = ? AND deleted = 0 AND setype = 'Calendar' AND description LIKE ? ORDER BY crmid",
                userId, "%" + VtigerText.seriesCore(Unit.seriesId(parent).value()) + "%");
    }

    /** Those of {@code ids} that have a rule row. */
    java.util.Set<Integer> withRuleRow(Sql sql, Collection<Integer> ids) {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        for (java.util.List<Integer> chunk : chunks(ids))
            out.addAll(sql.ints("SELECT DISTINCT activityid FROM vtiger_recurringevents WHERE activityid IN (" + Sql.marks(chunk) + ")", chunk));
        return out;
    }

    /**
     * Gives a record the series comment {@code comment} (text and marker stay), as a direct edit that leaves
     * modifiedtime alone: nothing the record shows changes, so no feed needs to see it. Only if the record is still
     * as read (same modifiedtime), so an edit saved in vtiger meanwhile is never overwritten; false if it was not.
     */
    boolean retag(Sql sql, Loaded record, String comment) {
        String now = VtigerText.withSeriesComment(record.entity().description, Option.some(comment));
        sql.em().flush();
        if (sql.update("UPDATE vtiger_crmentity SET description = ? WHERE crmid = ? AND modifiedtime = ?", now, record.id(), record.entity().modifiedtime) != 1)
            return false;
        record.entity().description = now;
        return true;
    }

    /** The rule row of a series: the parent's if it still has one, else any member's. */
    Option<VtigerRecurrence.VtigerRule> rule(Sql sql, int parent, Collection<Integer> members) {
        java.util.List<Integer> ids = new ArrayList<>(members);
        ids.add(parent);
        java.util.List<Object[]> rows = sql.rows("SELECT activityid, recurringtype, recurringfreq, recurringinfo, recurringdate, recurringenddate "
                + "FROM vtiger_recurringevents WHERE activityid IN (" + Sql.marks(ids) + ") ORDER BY recurringid", ids);
        Object[] best = null;
        for (Object[] r : rows) {
            if (best == null || Sql.toInt(r[0]) == parent) best = r;
        }
        if (best == null || best[1] == null || best[4] == null) return Option.none();
        Integer every = Sql.toInt(best[2]);
        return Option.of(new VtigerRecurrence.VtigerRule((String) best[1], every == null ? 1 : every, (String) best[3],
                Sql.toDate(best[4]), Option.of(Sql.toDate(best[5]))));
    }

    /**
     * Each record's own rule row (vtiger keeps one per record and re-writes it from the edit form on every save: a
     * "this and following" edit leaves the edited record's date as the start of the rows of it and the records after).
     */
    Map<Integer, VtigerRecurrence.VtigerRule> rules(Sql sql, Collection<Integer> ids) {
        Map<Integer, VtigerRecurrence.VtigerRule> out = new HashMap<>();
        for (java.util.List<Integer> chunk : chunks(ids)) {
            for (Object[] r : sql.rows("SELECT activityid, recurringtype, recurringfreq, recurringinfo, recurringdate, recurringenddate "
                    + "FROM vtiger_recurringevents WHERE activityid IN (" + Sql.marks(chunk) + ") ORDER BY recurringid", chunk)) {
                if (r[1] == null || r[4] == null) continue;
                Integer every = Sql.toInt(r[2]);
                out.put(Sql.toInt(r[0]), new VtigerRecurrence.VtigerRule((String) r[1], every == null ? 1 : every, (String) r[3],
                        Sql.toDate(r[4]), Option.of(Sql.toDate(r[5]))));
            }
        }
        return out;
    }

    /** Locks the records' crmentity rows until commit, so a concurrent writer waits and then sees our version. */
    void lock(Sql sql, Collection<Integer> ids) {
        for (java.util.List<Integer> chunk : chunks(ids)) {
            sql.rows("SELECT crmid FROM vtiger_crmentity WHERE crmid IN (" + Sql.marks(chunk) + ") FOR UPDATE", chunk);
        }
    }

    // ---------------------------------------------------------------- ids

    /**
     * Hands out {@code count} consecutive ids from a vtiger sequence table, the way vtiger's adodb GenID does
     * ({@code UPDATE vtiger_crmentity_seq SET id=LAST_INSERT_ID(id+1)}), on the transaction's connection. The UPDATE
     * locks the counter row until commit, so concurrent writers, vtiger included, never get the same id.
     */
    int allocate(Sql sql, String sequenceTable, int count) {
        if (config.isH2()) {
            // H2 has no LAST_INSERT_ID(expr); its row lock on the UPDATE gives the same guarantee
            sql.update("UPDATE " + sequenceTable + " SET id = id + ?", count);
            return sql.ints("SELECT id FROM " + sequenceTable).get(0) - count + 1;
        }
        sql.update("UPDATE " + sequenceTable + " SET id = LAST_INSERT_ID(id + ?)", count);
        return sql.ints("SELECT LAST_INSERT_ID()").get(0) - count + 1;
    }

    // ---------------------------------------------------------------- writing

    /** Every row vtiger's UI writes for a new record (crmentity, activity, activitycf, user field, relations...). */
    void insert(Sql sql, int id, CalendarItem item, Option<VtigerRecurrence.VtigerRule> rule, Map<String, Integer> usersByEmail) {
        insert(sql, id, item, rule, usersByEmail, Option.none());
    }

    /** As above; {@code marker}: the idempotency key to end the description with, as the webservice adapter writes it. */
    void insert(Sql sql, int id, CalendarItem item, Option<VtigerRecurrence.VtigerRule> rule, Map<String, Integer> usersByEmail,
                Option<IdempotencyKey> marker) {
        LocalDateTime now = times.now();
        boolean task = item.kind() == ItemKind.TASK;
        CrmEntityRow e = new CrmEntityRow(id);
        e.smcreatorid = userId;
        e.smownerid = userId;
        e.modifiedby = userId;
        e.setype = "Calendar";
        e.createdtime = now;
        e.modifiedtime = now;
        e.version = 0;
        e.presence = 1;
        e.deleted = 0;
        e.smgroupid = 0;
        e.source = config.source();
        ActivityRow a = new ActivityRow(id);
        a.notime = "0";
        a.visibility = "Public";
        a.eventstatus = "";
        a.location = "";
        RowFields.apply(fitted(mapper.forCreate(item, config.eventType(), marker)), e, a);
        a.recurringtype = rule.map(VtigerRecurrence.VtigerRule::type).getOrElse("");
        // vtiger's foreign keys (activity -> crmentity, relations -> activity): EclipseLink knows no order between
        // unrelated entities, so each parent row is flushed before its children
        sql.em().persist(e);
        sql.em().flush();
        sql.em().persist(a);
        sql.em().flush();
        sql.update("INSERT INTO vtiger_activitycf (activityid) VALUES (?)", id);
        sql.update("INSERT INTO vtiger_crmentity_user_field (recordid, userid, starred) VALUES (?, ?, '0')", id, userId);
        sql.update("INSERT INTO vtiger_salesmanactivityrel (smid, activityid) VALUES (?, ?)", userId, id);
        List<Integer> invitees = task ? List.empty() : writeInvitees(sql, id, item.attendees(), usersByEmail, false);
        Option<Integer> reminder = task ? Option.none() : Option.of(Reminders.storedMinutes(item.reminders())).filter(m -> m > 0);
        reminder.forEach(m -> sql.update("INSERT INTO vtiger_activity_reminder (activity_id, reminder_time, reminder_sent, recurringid) VALUES (?, ?, 0, 0)", id, m));
        writePopup(sql, a, false);
        rule.forEach(r -> sql.update("INSERT INTO vtiger_recurringevents (activityid, recurringdate, recurringtype, recurringfreq, recurringinfo, recurringenddate) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, r.start(), r.type(), r.every(), r.info(), r.end().getOrNull()));
        history(sql, id, task, 2, Map.of(), RowFields.historyValues(e, a, reminder, invitees.mkString(";")), now);
    }

    /** Sets the named fields of a live record; bumps modifiedtime/modifiedby and writes a history row. */
    void update(Sql sql, Loaded current, CalendarItem item, Set<Field> fields, Map<String, Integer> usersByEmail) {
        CrmEntityRow e = current.entity();
        ActivityRow a = current.activity();
        boolean task = a.isTask();
        Map<String, String> before = RowFields.historyValues(e, a, current.reminderMinutes(),
                current.invitees().map(VtigerInvitee::userId).mkString(";"));
        // an idempotency marker at the end of the description (records made through the webservice) stays
        VtigerText.Split stored = VtigerText.splitMarker(VtigerText.htmlFromStore(e.description == null ? "" : e.description));
        Option<IdempotencyKey> marker = stored.key().map(IdempotencyKey::new);
        // and so does a series comment (D36)
        RowFields.apply(fitted(mapper.fields(item, fields, marker, stored.seriesTag().map(VtigerText::seriesCommentOf), RowFields.of(current))), e, a);
        LocalDateTime now = times.now();
        e.modifiedtime = now;
        e.modifiedby = userId;
        Option<Integer> reminder = current.reminderMinutes();
        if (fields.contains(Field.REMINDERS) && !task) {
            sql.em().flush();
            sql.update("DELETE FROM vtiger_activity_reminder WHERE activity_id = ?", e.crmid);
            reminder = Option.of(Reminders.storedMinutes(item.reminders())).filter(m -> m > 0);
            reminder.forEach(m -> sql.update("INSERT INTO vtiger_activity_reminder (activity_id, reminder_time, reminder_sent, recurringid) VALUES (?, ?, 0, 0)", e.crmid, m));
        } else if (fields.contains(Field.TIMING) && reminder.isDefined()) {
            sql.update("UPDATE vtiger_activity_reminder SET reminder_sent = 0 WHERE activity_id = ?", e.crmid);   // as vtiger: a moved event reminds again
        }
        List<Integer> invitees = current.invitees().map(VtigerInvitee::userId);
        if (fields.contains(Field.ATTENDEES) && !task) invitees = writeInvitees(sql, e.crmid, item.attendees(), usersByEmail, true);
        sql.em().flush();
        if (fields.contains(Field.TIMING) || fields.contains(Field.DUE_TIME)) writePopup(sql, a, true);
        history(sql, e.crmid, task, 0, before, RowFields.historyValues(e, a, reminder, invitees.mkString(";")), now);
    }

    /** vtiger's delete: deleted=1 and a new modifiedtime; its reminder and rule rows go, the rest stays for the Recycle Bin. */
    void softDelete(Sql sql, Loaded current) {
        LocalDateTime now = times.now();
        CrmEntityRow e = current.entity();
        e.deleted = 1;
        e.modifiedtime = now;
        e.modifiedby = userId;
        sql.em().flush();
        sql.update("DELETE FROM vtiger_activity_reminder WHERE activity_id = ?", e.crmid);
        sql.update("DELETE FROM vtiger_recurringevents WHERE activityid = ?", e.crmid);
        sql.update("DELETE FROM vtiger_cntactivityrel WHERE activityid = ?", e.crmid);
        history(sql, e.crmid, current.activity().isTask(), 1, Map.of(), Map.of(), now);
    }

    void tieToSeries(Sql sql, int parent, int member) {
        sql.update("INSERT INTO vtiger_activity_recurring_info (activityid, recurrenceid) VALUES (?, ?)", parent, member);
    }

    void writeRule(Sql sql, Loaded record, VtigerRecurrence.VtigerRule r) {
        sql.em().flush();
        sql.update("DELETE FROM vtiger_recurringevents WHERE activityid = ?", record.id());
        sql.update("INSERT INTO vtiger_recurringevents (activityid, recurringdate, recurringtype, recurringfreq, recurringinfo, recurringenddate) "
                + "VALUES (?, ?, ?, ?, ?, ?)", record.id(), r.start(), r.type(), r.every(), r.info(), r.end().getOrNull());
        record.activity().recurringtype = r.type();
    }

    /** vtiger user ids of these e-mail addresses (active users only); attendees who are not users cannot be stored. */
    Map<String, Integer> usersByEmail(Sql sql, Collection<String> emails) {
        Map<String, Integer> out = new HashMap<>();
        if (emails.isEmpty()) return out;
        java.util.List<String> lower = emails.stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        for (Object[] r : sql.rows("SELECT id, email1 FROM vtiger_users WHERE deleted = 0 AND LOWER(email1) IN (" + Sql.marks(lower) + ") ORDER BY id", lower)) {
            out.putIfAbsent(((String) r[1]).toLowerCase(java.util.Locale.ROOT), Sql.toInt(r[0]));
        }
        return out;
    }

    private List<Integer> writeInvitees(Sql sql, int id, io.vavr.collection.Seq<Attendee> attendees, Map<String, Integer> usersByEmail, boolean replace) {
        if (replace) {
            sql.update("DELETE FROM vtiger_invitees WHERE activityid = ?", id);
            sql.update("DELETE FROM vtiger_salesmanactivityrel WHERE activityid = ? AND smid <> ?", id, userId);
        }
        List<Integer> written = List.empty();
        for (Invitees.Row row : Invitees.storable(attendees, usersByEmail, userId).rows()) {
            sql.update("INSERT INTO vtiger_invitees (activityid, inviteeid, status) VALUES (?, ?, ?)", id, row.userId(), row.status());
            sql.update("INSERT INTO vtiger_salesmanactivityrel (smid, activityid) VALUES (?, ?)", row.userId(), id);
            written = written.append(row.userId());
        }
        return written;
    }

    /** The values to store; the caller has checked the item fits (an emoji under REJECT is refused before any write). */
    private static Map<String, String> fitted(io.vavr.control.Either<String, Fitted> fitted) {
        return fitted.getOrElseThrow((String why) -> new IllegalStateException(why)).fields();
    }

    /** vtiger's pop-up reminder row: there for records that start in the future. */
    private void writePopup(Sql sql, ActivityRow a, boolean replace) {
        if (replace) sql.update("DELETE FROM vtiger_activity_reminder_popup WHERE recordid = ?", a.activityid);
        boolean future = times.fromDb(a.dateStart, a.timeStart).isAfter(times.nowInstant());
        if (future) {
            sql.update("INSERT INTO vtiger_activity_reminder_popup (semodule, recordid, date_start, time_start, status) VALUES (?, ?, ?, ?, 0)",
                    a.isTask() ? "Calendar" : "Events", a.activityid, a.dateStart, a.timeStart);
        }
    }

    /** ModTracker rows, so vtiger's "Updates" view shows who changed what: status 2 created, 0 updated, 1 deleted. */
    private void history(Sql sql, int crmid, boolean task, int status, Map<String, String> before, Map<String, String> after, LocalDateTime when) {
        int id = allocate(sql, "vtiger_modtracker_basic_seq", 1);
        sql.update("INSERT INTO vtiger_modtracker_basic (id, crmid, module, whodid, changedon, status) VALUES (?, ?, ?, ?, ?, ?)",
                id, crmid, task ? "Calendar" : "Events", userId, when, status);
        for (Map.Entry<String, String> f : after.entrySet()) {
            String prev = before.get(f.getKey());
            if (Objects.equals(prev, f.getValue()) || (prev == null && (f.getValue() == null || f.getValue().isEmpty()))) continue;
            sql.update("INSERT INTO vtiger_modtracker_detail (id, fieldname, prevalue, postvalue) VALUES (?, ?, ?, ?)", id, f.getKey(), prev, f.getValue());
        }
    }

    static <T> java.util.List<java.util.List<T>> chunks(Collection<T> all) {
        java.util.List<java.util.List<T>> out = new ArrayList<>();
        java.util.List<T> cur = new ArrayList<>();
        for (T t : all) {
            cur.add(t);
            if (cur.size() == CHUNK) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }
}
