package dev.gsync.vtiger.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Random;

/**
 * Sample vtiger users and calendar records written straight into vtiger's tables with JDBC batches, the way a vtiger
 * install that has been used for years looks (rows of every table vtiger's save fills). For demos and benchmarks;
 * the adapter's own writes go through {@link VtigerJdbcCalendar}.
 */
public final class VtigerSampleData {
    private static final String[] SUBJECTS = {"Call with ACME", "Sales meeting", "Demo", "Review", "Planning", "Lunch", "Follow-up"};

    private VtigerSampleData() {}

    /** A new active vtiger user; answers its id (from vtiger_users_seq, as vtiger does). */
    public static int addUser(Connection c, String userName, String email, String firstName, String lastName, String timeZone) throws SQLException {
        int id = next(c, "vtiger_users_seq", 1, isH2(c));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO vtiger_users (id, user_name, first_name, last_name, is_admin, email1, status, "
                + "deleted, time_zone, date_format, hour_format) VALUES (?, ?, ?, ?, 'off', ?, 'Active', 0, ?, 'yyyy-mm-dd', '24')")) {
            ps.setInt(1, id);
            ps.setString(2, userName);
            ps.setString(3, firstName);
            ps.setString(4, lastName);
            ps.setString(5, email);
            ps.setString(6, timeZone);
            ps.executeUpdate();
        }
        return id;
    }

    /**
     * {@code count} one-hour events of user {@code owner}, starting from {@code firstStart} (DB wall time) a few hours
     * apart, with modifiedtime spread over the {@code count} seconds before {@code lastModified}. Answers the first id.
     */
    public static int addEvents(Connection c, int owner, int count, LocalDateTime firstStart, LocalDateTime lastModified, long seed) throws SQLException {
        boolean h2 = isH2(c);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        Random random = new Random(seed);
        int first;
        try (PreparedStatement crm = c.prepareStatement("INSERT INTO vtiger_crmentity (crmid, smcreatorid, smownerid, modifiedby, setype, description, "
                + "createdtime, modifiedtime, version, presence, deleted, smgroupid, source, label) VALUES (?, ?, ?, ?, 'Calendar', ?, ?, ?, 0, 1, 0, 0, 'CRM', ?)");
             PreparedStatement act = c.prepareStatement("INSERT INTO vtiger_activity (activityid, subject, activitytype, date_start, due_date, time_start, "
                     + "time_end, sendnotification, duration_hours, duration_minutes, status, eventstatus, priority, location, notime, visibility, recurringtype) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ?, '0', '1', '0', NULL, 'Planned', NULL, ?, '0', ?, '')");
             PreparedStatement cf = c.prepareStatement("INSERT INTO vtiger_activitycf (activityid) VALUES (?)");
             PreparedStatement uf = c.prepareStatement("INSERT INTO vtiger_crmentity_user_field (recordid, userid, starred) VALUES (?, ?, '0')");
             PreparedStatement sm = c.prepareStatement("INSERT INTO vtiger_salesmanactivityrel (smid, activityid) VALUES (?, ?)")) {
            first = next(c, "vtiger_crmentity_seq", count, h2);
            for (int i = 0; i < count; i++) {
                int id = first + i;
                LocalDateTime start = firstStart.plusHours(3L * i);
                LocalDateTime modified = lastModified.minusSeconds(count - i);
                String subject = SUBJECTS[random.nextInt(SUBJECTS.length)] + " #" + id;
                crm.setInt(1, id);
                crm.setInt(2, owner);
                crm.setInt(3, owner);
                crm.setInt(4, owner);
                crm.setString(5, "<p>Agenda for " + subject + "</p>");
                crm.setTimestamp(6, Timestamp.valueOf(modified));
                crm.setTimestamp(7, Timestamp.valueOf(modified));
                crm.setString(8, subject);
                crm.addBatch();
                act.setInt(1, id);
                act.setString(2, subject);
                act.setString(3, random.nextBoolean() ? "Meeting" : "Call");
                act.setObject(4, start.toLocalDate());
                act.setObject(5, start.plusHours(1).toLocalDate());
                act.setString(6, DbTimes.text(start.toLocalTime()));
                act.setString(7, DbTimes.text(start.plusHours(1).toLocalTime()));
                act.setString(8, random.nextInt(3) == 0 ? "Room " + random.nextInt(20) : "");
                act.setString(9, random.nextInt(4) == 0 ? "Private" : "Public");
                act.addBatch();
                cf.setInt(1, id);
                cf.addBatch();
                uf.setInt(1, id);
                uf.setInt(2, owner);
                uf.addBatch();
                sm.setInt(1, owner);
                sm.setInt(2, id);
                sm.addBatch();
                if (i % 1000 == 999 || i == count - 1) {
                    crm.executeBatch();
                    act.executeBatch();
                    cf.executeBatch();
                    uf.executeBatch();
                    sm.executeBatch();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return first;
    }

    /**
     * A weekly series as vtiger's UI saves it: one complete record per occurrence (same time, a week apart, DB wall
     * time), each with recurringtype 'Weekly', its own vtiger_recurringevents row and a vtiger_activity_recurring_info
     * row tying it to the first record. Answers the record ids, first = series parent.
     */
    public static int[] addWeeklySeries(Connection c, int owner, String subject, LocalDateTime firstStart, int occurrences,
                                        LocalDateTime modified) throws SQLException {
        boolean h2 = isH2(c);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        int[] ids = new int[occurrences];
        try {
            int first = next(c, "vtiger_crmentity_seq", occurrences, h2);
            String info = "Weekly::" + (firstStart.getDayOfWeek().getValue() % 7);
            LocalDateTime last = firstStart.plusWeeks(occurrences - 1L);
            for (int i = 0; i < occurrences; i++) {
                int id = first + i;
                ids[i] = id;
                LocalDateTime start = firstStart.plusWeeks(i);
                exec(c, "INSERT INTO vtiger_crmentity (crmid, smcreatorid, smownerid, modifiedby, setype, description, createdtime, modifiedtime, "
                        + "version, presence, deleted, smgroupid, source, label) VALUES (?, ?, ?, ?, 'Calendar', '', ?, ?, 0, 1, 0, 0, 'CRM', ?)",
                        id, owner, owner, owner, Timestamp.valueOf(modified), Timestamp.valueOf(modified), subject);
                exec(c, "INSERT INTO vtiger_activity (activityid, subject, activitytype, date_start, due_date, time_start, time_end, sendnotification, "
                        + "duration_hours, duration_minutes, status, eventstatus, priority, location, notime, visibility, recurringtype) "
                        + "VALUES (?, ?, 'Meeting', ?, ?, ?, ?, '0', '1', '0', NULL, 'Planned', NULL, '', '0', 'Public', 'Weekly')",
                        id, subject, start.toLocalDate(), start.plusHours(1).toLocalDate(), DbTimes.text(start.toLocalTime()),
                        DbTimes.text(start.plusHours(1).toLocalTime()));
                exec(c, "INSERT INTO vtiger_activitycf (activityid) VALUES (?)", id);
                exec(c, "INSERT INTO vtiger_crmentity_user_field (recordid, userid, starred) VALUES (?, ?, '0')", id, owner);
                exec(c, "INSERT INTO vtiger_salesmanactivityrel (smid, activityid) VALUES (?, ?)", owner, id);
                exec(c, "INSERT INTO vtiger_recurringevents (activityid, recurringdate, recurringtype, recurringfreq, recurringinfo, recurringenddate) "
                        + "VALUES (?, ?, 'Weekly', 1, ?, ?)", id, firstStart.toLocalDate(), info, last.toLocalDate());
                exec(c, "INSERT INTO vtiger_activity_recurring_info (activityid, recurrenceid) VALUES (?, ?)", first, id);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return ids;
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.executeUpdate();
        }
    }

    /** First of {@code count} new ids from a vtiger sequence table (same statement as vtiger's GenID). */
    static int next(Connection c, String sequenceTable, int count, boolean h2) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (h2) {
                s.executeUpdate("UPDATE " + sequenceTable + " SET id = id + " + count);
                try (ResultSet rs = s.executeQuery("SELECT id FROM " + sequenceTable)) {
                    rs.next();
                    return rs.getInt(1) - count + 1;
                }
            }
            s.executeUpdate("UPDATE " + sequenceTable + " SET id = LAST_INSERT_ID(id + " + count + ")");
            try (ResultSet rs = s.executeQuery("SELECT LAST_INSERT_ID()")) {
                rs.next();
                return rs.getInt(1) - count + 1;
            }
        }
    }

    private static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getURL().startsWith("jdbc:h2:");
    }
}
