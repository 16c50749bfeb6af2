package dev.gsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gsync.emulator.EmulatedUser;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6: while a `gsync sync` process is writing (a hundred new CRM events going to Google), the user edits
 * synced items on both sides: one in Google only, one in vtiger only, one on both sides. The next run converges per
 * the user's policy (the default, CRM wins a conflict): no edit is lost, nothing is duplicated.
 */
class EditsDuringRunTest {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void edits_on_both_sides_while_a_run_writes_are_all_kept_and_a_conflict_goes_to_the_crm() throws Exception {
        Size.assumeEveryScenario();
        try (Deployment d = Deployment.create("edits", List.of("hana"), Deployment.StateStore.H2_FILE)) {
            d.linkAndSeedCrmTasks(2);
            d.seedCrmEvents("hana", 20);
            d.seedGoogle("hana", 10, 2);
            GsyncProcess.Result first = d.run(LIMIT, "sync", "--user", "hana");
            assertThat(first.exitCode()).as(first.toString()).isZero();
            String googleOnly = "GE-hana-0";
            String crmOnly = d.expected.get("hana").events.stream().filter(t -> !t.startsWith("GE-")).findFirst().orElseThrow();
            String both = d.expected.get("hana").events.stream().filter(t -> !t.startsWith("GE-") && !t.equals(crmOnly)).findFirst().orElseThrow();

            d.seedCrmEvents("hana", 100);   // work for the next run: it is writing these to Google while the user edits
            GsyncProcess run = d.start("sync", "--user", "hana");
            int start = d.copied();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (run.alive() && System.nanoTime() < deadline && d.copied() < start + 10) Thread.sleep(10);
            boolean duringTheRun = run.alive();
            editInGoogle(d, googleOnly, googleOnly + " (edited in Google)");
            editInCrm(d, crmOnly, crmOnly + " (edited in vtiger)");
            editInGoogle(d, both, both + " (edited in Google)");
            editInCrm(d, both, both + " (edited in vtiger)");
            GsyncProcess.Result during = run.await(LIMIT);
            GsyncProcess.Result next = d.run(LIMIT, "sync", "--user", "hana");
            GsyncProcess.Result again = d.run(LIMIT, "sync", "--user", "hana");

            var events = d.expected.get("hana").events;
            events.remove(googleOnly);
            events.add(googleOnly + " (edited in Google)");
            events.remove(crmOnly);
            events.add(crmOnly + " (edited in vtiger)");
            events.remove(both);
            events.add(both + " (edited in vtiger)");   // the default policy: the CRM wins a conflict
            Census.Count count = Census.of(d.expected.get("hana"), d.census("hana"));
            Figures.row("edits on both sides while a run writes (one in Google, one in vtiger, one on both sides; policy CRM wins; " + d.summary() + ")",
                    "1 run edited" + (duringTheRun ? " mid-write" : " (run had ended)") + ", 2 after", count.duplicates(), count.lost(),
                    again.exitCode() == 0 ? 0 : 1, "exit codes " + during.exitCode() + ", " + next.exitCode() + ", " + again.exitCode());

            assertThat(during.exitCode()).as(during.toString()).isIn(0, 3);
            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(count.clean()).as("%s", count).isTrue();
            assertThat(again.out()).as("the third run has nothing left to do").contains("created 0, updated 0, deleted 0");
        }
    }

    private static void editInGoogle(Deployment d, String title, String newTitle) throws Exception {
        EmulatedUser g = d.googleUser("hana");
        for (String json : g.events(g.primaryCalendarId())) {
            JsonNode e = Deployment.JSON.readTree(json);
            if (title.equals(e.path("summary").asText())) {
                g.editEvent(g.primaryCalendarId(), e.path("id").asText(), "{\"summary\":" + Deployment.JSON.writeValueAsString(newTitle) + "}");
                return;
            }
        }
        throw new AssertionError("no Google event " + title);
    }

    /** As vtiger's edit screen saves it: the subject, the entity's label and its modifiedtime. */
    private static void editInCrm(Deployment d, String title, String newTitle) throws Exception {
        try (Connection c = d.vtiger(); PreparedStatement find = c.prepareStatement("SELECT a.activityid FROM vtiger_activity a "
                + "JOIN vtiger_crmentity e ON e.crmid = a.activityid WHERE a.subject = ? AND e.deleted = 0")) {
            find.setString(1, title);
            try (ResultSet rs = find.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no vtiger row " + title);
                int id = rs.getInt(1);
                try (PreparedStatement a = c.prepareStatement("UPDATE vtiger_activity SET subject = ? WHERE activityid = ?");
                     PreparedStatement e = c.prepareStatement("UPDATE vtiger_crmentity SET label = ?, modifiedtime = UTC_TIMESTAMP() WHERE crmid = ?")) {
                    a.setString(1, newTitle);
                    a.setInt(2, id);
                    a.executeUpdate();
                    e.setString(1, newTitle);
                    e.setInt(2, id);
                    e.executeUpdate();
                }
            }
        }
    }
}
