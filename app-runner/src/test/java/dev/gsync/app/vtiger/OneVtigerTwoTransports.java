package dev.gsync.app.vtiger;

import dev.gsync.core.model.UserId;
import dev.gsync.vtiger.jdbc.TestDatabase;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendar;
import dev.gsync.vtiger.jdbc.VtigerJdbcCalendars;
import dev.gsync.vtiger.jdbc.VtigerSampleData;
import dev.gsync.vtiger.rest.VtigerRestCalendar;
import dev.gsync.vtiger.rest.WebserviceFake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One vtiger installation seen through both transports: vtiger's tables (H2 in MySQL mode, read by the JDBC adapter)
 * and the fake webservice (read by the REST adapter). The two stores are kept holding the same rows by copying them
 * as stored, column for column under the webservice's field names, in either direction: what a real installation
 * gives for free, since there both transports read one database.
 */
final class OneVtigerTwoTransports implements AutoCloseable {
    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String KEY = "accessKey16chars";
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    final TestDatabase db;
    final WebserviceFake ws = new WebserviceFake();
    private final VtigerJdbcCalendars jdbc;
    final Map<String, Integer> users = new LinkedHashMap<>();

    OneVtigerTwoTransports(String name, Map<String, String> zonesByUser) {
        db = TestDatabase.h2(name + INSTANCES.incrementAndGet()).withVtigerTables();
        try (Connection c = db.connect()) {
            for (Map.Entry<String, String> u : zonesByUser.entrySet()) {
                int id = VtigerSampleData.addUser(c, u.getKey(), u.getKey() + "@example.com", u.getKey(), "Tester", u.getValue());
                users.put(u.getKey(), id);
                ws.user(id, u.getKey(), KEY, u.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        jdbc = new VtigerJdbcCalendars(db.config(), Clock.fixed(Instant.parse("2026-01-10T09:00:00Z"), ZoneId.of("UTC")));
    }

    /**
     * Both transports over an existing vtiger database (e.g. a runner's, on the embedded MariaDB) whose users
     * {@code users} (name to vtiger user id) already exist; the JDBC adapter runs on the wall clock.
     */
    OneVtigerTwoTransports(TestDatabase db, Map<String, Integer> users, String zone) {
        this.db = db;
        for (Map.Entry<String, Integer> u : users.entrySet()) {
            this.users.put(u.getKey(), u.getValue());
            ws.user(u.getValue(), u.getKey(), KEY, zone);
        }
        ws.setClock(Instant.now());
        jdbc = new VtigerJdbcCalendars(db.config(), Clock.systemUTC());
    }

    VtigerJdbcCalendar viaJdbc(String user) {
        return jdbc.forUser(UserId.of(user)).get();
    }

    VtigerRestCalendar viaRest(String user) {
        return ws.calendarOf(user, KEY);
    }

    // ------------------------------------------------------------------ the same rows in both stores

    /** Puts one record into both stores. {@code fields} under webservice names; the owner is a user name. */
    void put(long crmid, String owner, Map<String, String> fields) {
        Map<String, String> row = new LinkedHashMap<>(fields);
        row.put("assigned_user_id", ws.userWsId(users.get(owner)));
        ws.put(crmid, row);
        insertIntoDb(crmid, users.get(owner), row);
    }

    /** The database now holds what the webservice holds. */
    void copyWebserviceToDb() {
        db.update("DELETE FROM vtiger_activity_reminder");
        db.update("DELETE FROM vtiger_activitycf");
        db.update("DELETE FROM vtiger_salesmanactivityrel");
        db.update("DELETE FROM vtiger_activity");
        db.update("DELETE FROM vtiger_crmentity");
        for (Map.Entry<Long, Map<String, String>> r : ws.rows().entrySet()) {
            String owner = r.getValue().get("assigned_user_id");
            insertIntoDb(r.getKey(), Integer.parseInt(owner.substring(owner.indexOf('x') + 1)), r.getValue());
        }
    }

    /**
     * The database now holds what the webservice holds, as one database behind both would: records are updated in
     * place (their series rows and other relations stay), new ones inserted, those the webservice deleted are
     * soft-deleted. A record the webservice saved since (another modifiedtime) loses its rule row, as an event saved
     * through vtiger's webservice does (vtiger-facts.md §6.10).
     */
    void mirrorWebserviceInDb() {
        Map<Long, Map<String, String>> inDb = dbRows();
        Map<Long, Map<String, String>> inWs = ws.rows();
        for (Map.Entry<Long, Map<String, String>> r : inWs.entrySet()) {
            Map<String, String> f = r.getValue();
            String owner = f.get("assigned_user_id");
            int ownerId = Integer.parseInt(owner.substring(owner.indexOf('x') + 1));
            if (db.count("SELECT COUNT(*) FROM vtiger_crmentity WHERE crmid = ?", r.getKey()) == 0) {
                insertIntoDb(r.getKey(), ownerId, f);
                continue;
            }
            Map<String, String> before = inDb.get(r.getKey());
            if (before != null && before.get("modifiedtime").equals(f.get("modifiedtime")) && before.get("description").equals(f.get("description"))) continue;
            db.update("UPDATE vtiger_crmentity SET smownerid = ?, description = ?, modifiedtime = ?, deleted = 0 WHERE crmid = ?", ownerId,
                    f.getOrDefault("description", ""), LocalDateTime.parse(f.get("modifiedtime"), DATETIME), r.getKey());
            db.update("UPDATE vtiger_activity SET subject = ?, date_start = ?, due_date = ?, time_start = ?, time_end = ?, location = ?, notime = ?, "
                            + "visibility = ?, eventstatus = ?, status = ? WHERE activityid = ?",
                    f.getOrDefault("subject", ""), LocalDate.parse(f.get("date_start")), blank(f.get("due_date")) ? null : LocalDate.parse(f.get("due_date")),
                    f.getOrDefault("time_start", ""), f.getOrDefault("time_end", ""), f.getOrDefault("location", ""), f.getOrDefault("notime", "0"),
                    f.getOrDefault("visibility", "Public"), f.getOrDefault("eventstatus", ""), f.getOrDefault("taskstatus", ""), r.getKey());
            if (before != null && !before.get("modifiedtime").equals(f.get("modifiedtime")))
                db.update("DELETE FROM vtiger_recurringevents WHERE activityid = ?", r.getKey());
        }
        for (Long gone : inDb.keySet()) {
            if (!inWs.containsKey(gone))
                db.update("UPDATE vtiger_crmentity SET deleted = 1, modifiedtime = ? WHERE crmid = ?", LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0), gone);
        }
    }

    /** The webservice now holds what the database holds. */
    void copyDbToWebservice() {
        ws.clear();
        for (Map.Entry<Long, Map<String, String>> r : dbRows().entrySet()) ws.put(r.getKey(), r.getValue());
    }

    Map<Long, Map<String, String>> dbRows() {
        Map<Long, Map<String, String>> out = new TreeMap<>();
        for (List<Object> r : db.query("SELECT e.crmid, e.smownerid, e.description, e.modifiedtime, a.activitytype, a.subject, a.location, "
                + "a.date_start, a.time_start, a.due_date, a.time_end, a.notime, a.visibility, a.eventstatus, a.status, a.duration_hours, "
                + "a.duration_minutes, (SELECT MIN(reminder_time) FROM vtiger_activity_reminder m WHERE m.activity_id = e.crmid) "
                + "FROM vtiger_crmentity e JOIN vtiger_activity a ON a.activityid = e.crmid WHERE e.deleted = 0 AND e.setype = 'Calendar'")) {
            if (!users.containsValue(((Number) r.get(1)).intValue())) continue;   // another test's user of a shared database
            Map<String, String> f = new LinkedHashMap<>();
            f.put("assigned_user_id", ws.userWsId(((Number) r.get(1)).intValue()));
            f.put("description", text(r.get(2)));
            f.put("modifiedtime", r.get(3) instanceof LocalDateTime t ? t.format(DATETIME) : text(r.get(3)).substring(0, 19));
            String[] names = {"activitytype", "subject", "location", "date_start", "time_start", "due_date", "time_end", "notime", "visibility",
                    "eventstatus", "taskstatus", "duration_hours", "duration_minutes", "reminder_time"};
            for (int i = 0; i < names.length; i++) f.put(names[i], text(r.get(4 + i)));
            out.put(((Number) r.get(0)).longValue(), f);
        }
        return out;
    }

    private void insertIntoDb(long crmid, int owner, Map<String, String> f) {
        LocalDateTime modified = LocalDateTime.parse(f.getOrDefault("modifiedtime", "2026-01-10 09:00:00"), DATETIME);
        db.update("INSERT INTO vtiger_crmentity (crmid, smcreatorid, smownerid, modifiedby, setype, description, createdtime, modifiedtime, "
                        + "version, presence, deleted, smgroupid, source, label) VALUES (?, ?, ?, ?, 'Calendar', ?, ?, ?, 0, 1, 0, 0, 'WEBSERVICE', ?)",
                crmid, owner, owner, owner, f.getOrDefault("description", ""), modified, modified, f.getOrDefault("subject", ""));
        db.update("INSERT INTO vtiger_activity (activityid, subject, activitytype, date_start, due_date, time_start, time_end, sendnotification, "
                        + "duration_hours, duration_minutes, status, eventstatus, location, notime, visibility, recurringtype) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, '0', ?, ?, ?, ?, ?, ?, ?, '')",
                crmid, f.getOrDefault("subject", ""), f.getOrDefault("activitytype", "Meeting"), LocalDate.parse(f.get("date_start")),
                blank(f.get("due_date")) ? null : LocalDate.parse(f.get("due_date")), f.getOrDefault("time_start", ""), f.getOrDefault("time_end", ""),
                f.getOrDefault("duration_hours", "0"), f.getOrDefault("duration_minutes", "0"), f.getOrDefault("taskstatus", ""),
                f.getOrDefault("eventstatus", ""), f.getOrDefault("location", ""), f.getOrDefault("notime", "0"), f.getOrDefault("visibility", "Public"));
        db.update("INSERT INTO vtiger_activitycf (activityid) VALUES (?)", crmid);
        db.update("INSERT INTO vtiger_salesmanactivityrel (smid, activityid) VALUES (?, ?)", owner, crmid);
        String reminder = f.getOrDefault("reminder_time", "");
        if (!blank(reminder) && Integer.parseInt(reminder) > 0)
            db.update("INSERT INTO vtiger_activity_reminder (activity_id, reminder_time, reminder_sent, recurringid) VALUES (?, ?, 0, 0)", crmid, Integer.parseInt(reminder));
        db.update("UPDATE vtiger_crmentity_seq SET id = ? WHERE id < ?", crmid, crmid);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    @Override
    public void close() {
        ws.close();
        jdbc.close();
    }

    /** A stored event or to-do row under the webservice's field names, as vtiger holds it. */
    static Map<String, String> row(String type, String subject, String startDate, String startTime, String endDate, String endTime, String notime) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("activitytype", type);
        r.put("subject", subject);
        r.put("description", "");
        r.put("location", "");
        r.put("date_start", startDate);
        r.put("time_start", startTime);
        r.put("due_date", endDate);
        r.put("time_end", endTime);
        r.put("notime", notime);
        r.put("eventstatus", "Planned");
        r.put("visibility", "Public");
        r.put("reminder_time", "");
        r.put("modifiedtime", "2026-01-10 09:00:00");
        return r;
    }
}
