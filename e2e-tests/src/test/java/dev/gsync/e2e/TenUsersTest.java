package dev.gsync.e2e;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: one `gsync sync` process for ten users, of whom one has revoked gsync's grant in Google, one has a
 * broken row in vtiger (an event with a zero date) and one is over its Google quota. The seven others are
 * synced completely; the three are reported, by name, with an exit code that says so; the broken row is reported
 * with its id and the rest of that user's calendar is synced; nothing is deleted.
 */
class TenUsersTest {
    private static final int EVENTS = 10;
    @Test
    void one_revoked_one_broken_row_one_over_quota_and_the_seven_others_are_synced() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) users.add("user" + i);
        String revoked = "user3", broken = "user5", overQuota = "user7";
        try (Deployment d = Deployment.create("ten-users", users, Deployment.StateStore.H2_FILE)) {
            d.linkAndSeedCrmTasks(1);
            for (String user : users) {
                d.seedCrmEvents(user, EVENTS);
                d.seedGoogle(user, 5, 1);
            }
            int brokenId = breakOneRow(d, broken);
            String brokenTitle = brokenTitle(d, brokenId);
            d.expected.get(broken).events.remove(brokenTitle);
            d.googleUser(revoked).revokeGrants();
            d.emulator.faults().overQuota(d.google(overQuota));

            long started = System.nanoTime();
            GsyncProcess.Result run = d.run(Duration.ofMinutes(5), "sync");
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            int duplicates = 0, lost = 0;
            List<String> problems = new ArrayList<>();
            for (String user : users) {
                if (user.equals(revoked) || user.equals(overQuota)) continue;
                Census.Sides sides = d.census(user);
                if (user.equals(broken)) {
                    long inGoogle = sides.googleEvents().stream().filter(brokenTitle::equals).count();
                    assertThat(inGoogle).as("the broken row is skipped or repaired, never copied twice").isLessThanOrEqualTo(1);
                    if (inGoogle == 0) assertThat(run.out() + run.err()).as("a skipped row is named by its id").contains(String.valueOf(brokenId));
                    sides = new Census.Sides(sides.crmEvents().stream().filter(t -> !t.equals(brokenTitle)).toList(), sides.crmTasks(),
                            sides.googleEvents().stream().filter(t -> !t.equals(brokenTitle)).toList(), sides.googleTasks());
                }
                Census.Count count = Census.of(d.expected.get(user), sides);
                duplicates += count.duplicates();
                lost += count.lost();
                if (!count.clean()) problems.add(user + ": " + count);
            }
            Census.Sides untouched = d.census(revoked);
            Figures.row("ten users in one `gsync sync`: one revoked grant, one broken CRM row, one over quota (" + EVENTS + "+5 events, 1+1 tasks each; the broken row: a zero date)",
                    "1 run, " + seconds + " s", duplicates, lost, 0, "exit " + run.exitCode() + "; 8 users synced, the revoked and the over-quota user reported");

            assertThat(problems).as(run.toString()).isEmpty();
            assertThat(run.exitCode()).as("the worst user's outcome: %s", run).isIn(3, 4, 5);
            assertThat(run.out()).contains(revoked + ": ").contains(overQuota + ": ").contains(broken + ": ");
            assertThat(untouched.crmEvents()).as("nothing deleted for the revoked user").hasSize(EVENTS);
            assertThat(d.census(overQuota).crmEvents()).as("nothing deleted for the user over quota").hasSize(EVENTS);
        }
    }

    /** One of the user's events gets a zero start date (0000-00-00), as old vtiger versions and broken imports leave them. */
    private static int breakOneRow(Deployment d, String user) throws Exception {
        try (Connection c = d.vtiger(); PreparedStatement ps = c.prepareStatement("SELECT MIN(e.crmid) FROM vtiger_crmentity e "
                + "JOIN vtiger_activity a ON a.activityid = e.crmid WHERE e.smownerid = ? AND a.activitytype <> 'Task'")) {
            ps.setInt(1, d.owners.get(user));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int id = rs.getInt(1);
                c.createStatement().execute("SET SESSION sql_mode = ''");
                try (PreparedStatement up = c.prepareStatement("UPDATE vtiger_activity SET date_start = '0000-00-00', due_date = '0000-00-00' WHERE activityid = ?")) {
                    up.setInt(1, id);
                    up.executeUpdate();
                }
                return id;
            }
        }
    }

    private static String brokenTitle(Deployment d, int id) throws Exception {
        try (Connection c = d.vtiger(); PreparedStatement ps = c.prepareStatement("SELECT subject FROM vtiger_activity WHERE activityid = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
