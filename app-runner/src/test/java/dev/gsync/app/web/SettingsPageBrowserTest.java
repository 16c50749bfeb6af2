package dev.gsync.app.web;

import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.RunnerFixtureAccess;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium: a user opens their settings page, links Google on the emulator's consent page, changes
 * settings (a bad value first), and the next sync follows the new settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsPageBrowserTest {
    private WebDriver browser;
    private RunnerFixtureAccess runner;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start();
        runner = RunnerFixtureAccess.start(false);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) browser.quit();
        if (runner != null) runner.close();
    }

    @Test
    void connect_on_the_consent_page_change_settings_and_the_next_sync_applies_them() throws Exception {
        UserId alice = UserId.of("alice");
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(10, 0).toInstant(ZoneOffset.UTC);
        runner.addToCrm(alice, CalendarItem.event("Customer visit", new Timing.Timed(start, start.plus(1, ChronoUnit.HOURS), ZoneId.of("UTC"))));
        runner.addToCrm(alice, CalendarItem.task("Call back Bob", Timing.Due.on(LocalDate.now(ZoneOffset.UTC).plusDays(2))));

        // Alice opens the link from her CRM: not linked yet
        browser.get(runner.web().links().userPage(alice).toString());
        assertThat(browser.findElement(By.id("google-status")).getText()).isEqualTo("Not linked");

        // she connects and allows access on the (emulated) Google consent page
        submit(By.id("connect"));
        assertThat(browser.getTitle()).contains("Google Accounts");
        submit(By.id("allow"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Google linked");
        assertThat(browser.findElement(By.id("google-status")).getText()).isEqualTo("Linked");

        // a bad hour window is refused, with the message next to the field, and nothing is saved
        new Select(browser.findElement(By.id("direction"))).selectByValue("CRM_TO_GOOGLE");
        browser.findElement(By.id("hourWindow")).clear();
        browser.findElement(By.id("hourWindow")).sendKeys("25:00-18:00");
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("hourWindow-error")).getText()).contains("25:00");
        assertThat(runner.services().store().settings(alice).map(s -> s.direction())).isNotEqualTo(io.vavr.control.Option.some(SyncDirection.CRM_TO_GOOGLE));

        // corrected: one way to Google, office hours, no to-dos
        new Select(browser.findElement(By.id("direction"))).selectByValue("CRM_TO_GOOGLE");
        browser.findElement(By.id("hourWindow")).clear();
        browser.findElement(By.id("hourWindow")).sendKeys("08:00-18:00");
        if (browser.findElement(By.id("tasks")).isSelected()) browser.findElement(By.id("tasks")).click();
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Settings saved");
        var saved = runner.services().store().settings(alice).get();
        assertThat(saved.direction()).isEqualTo(SyncDirection.CRM_TO_GOOGLE);
        assertThat(saved.kinds()).containsExactly(ItemKind.EVENT);
        assertThat(saved.hourWindow().toString()).isEqualTo("08:00-18:00");

        // the next sync follows them: the visit reaches Google, the to-do does not go to Google Tasks
        RunSummary run = runner.services().userSync().sync(alice, false);
        assertThat(run.outcome()).as(run.report()).isEqualTo(Outcome.OK);
        var google = runner.emulator().user("user@example.com");
        assertThat(google.events(google.primaryCalendarId())).anyMatch(json -> json.contains("Customer visit"));
        assertThat(google.tasks(google.defaultTaskListId())).noneMatch(json -> json.contains("Call back Bob"));

        // and the page shows the run
        browser.get(runner.web().links().userPage(alice).toString());
        assertThat(browser.findElement(By.id("last-sync")).getText()).contains("OK");
    }

    @Test
    void a_refused_consent_is_shown_plainly_and_links_nothing() throws Exception {
        UserId bob = UserId.of("bob");
        browser.get(runner.web().links().userPage(bob).toString());
        submit(By.id("connect"));
        submit(By.id("deny"));

        assertThat(browser.findElement(By.id("oauth-error")).getText()).contains("access_denied").contains("nothing was linked");
        assertThat(runner.services().accounts().isLinked(bob)).isFalse();
    }

    @Test
    void a_settings_link_signed_for_another_user_is_refused() throws Exception {
        String alicesLink = runner.web().links().userPage(UserId.of("alice")).toString();
        browser.get(alicesLink.replace("/u/alice", "/u/mallory"));

        assertThat(browser.getPageSource()).contains("This link is not valid");
    }

    @Test
    void the_admin_logs_in_with_the_token_and_the_client_secret_is_never_shown_back() {
        String secret = runner.services().googleClient().current().get().clientSecret();
        browser.get(runner.web().links().baseUrl() + "/admin");
        browser.findElement(By.id("token")).sendKeys("wrong");
        submit(By.id("login"));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong token");

        browser.get(runner.web().links().baseUrl() + "/admin");
        browser.findElement(By.id("token")).sendKeys(RunnerFixtureAccess.adminToken());
        submit(By.id("login"));
        assertThat(browser.findElement(By.id("clientSecret")).getAttribute("value")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(secret);

        // saving with the secret left empty keeps the secret
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Saved");
        assertThat(browser.getPageSource()).doesNotContain(secret);
        assertThat(runner.services().googleClient().current().get().clientSecret()).isEqualTo(secret);
    }

    @Test
    void an_expired_link_says_so_and_the_admin_page_issues_a_fresh_one_showing_the_last_runs() {
        UserId dave = UserId.of("dave");
        runner.services().store().saveSettings(dave, runner.services().userSync().settings(dave));   // a known user
        runner.services().userSync().sync(dave, false);                                              // not linked: a stored run
        String key = runner.services().config().get(dev.gsync.app.config.ConfigKey.WEB_LINK_KEY);
        WebLinks monthOld = new WebLinks(runner.web().links().baseUrl(), new LinkSigner(key),
                java.time.Clock.fixed(Instant.now().minus(31, ChronoUnit.DAYS), ZoneOffset.UTC));

        browser.get(monthOld.userPage(dave).toString());
        assertThat(browser.findElement(By.id("link-problem")).getText()).contains("This link expired on").contains("Ask for a new one");

        browser.get(runner.web().links().baseUrl() + "/admin");
        if (!browser.findElements(By.id("token")).isEmpty()) {
            browser.findElement(By.id("token")).sendKeys(RunnerFixtureAccess.adminToken());
            submit(By.id("login"));
        }
        submit(By.linkText("dave"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Calendar sync for dave");
        assertThat(browser.findElement(By.id("last-runs")).getText()).contains("NOT_LINKED").contains("Google is not linked");
        assertThat(browser.findElement(By.id("link-expiry")).getText()).contains("This link works until");

        browser.get(runner.web().links().baseUrl() + "/admin/runs/dave");
        assertThat(browser.findElement(By.id("last-runs")).getText()).contains("NOT_LINKED");
        browser.manage().deleteAllCookies();   // the other tests start logged out
    }

    @Test
    void the_calendar_picker_lists_the_users_calendars_and_only_writable_ones_can_be_chosen() throws Exception {
        UserId carol = UserId.of("carol");
        var boss = runner.emulator().user("boss@example.com");
        String team = boss.addCalendar("Team");
        String holidays = boss.addCalendar("Holidays");
        boss.shareCalendar(team, "user@example.com", "writer");
        boss.shareCalendar(holidays, "user@example.com", "reader");
        browser.get(runner.web().links().userPage(carol).toString());
        submit(By.id("connect"));
        submit(By.id("allow"));

        // every calendar with the user's access; the read-only one cannot receive new CRM items, only be synced to the CRM
        WebElement teamRow = browser.findElement(By.cssSelector("tr.calendar[data-id='" + team + "']"));
        WebElement holidaysRow = browser.findElement(By.cssSelector("tr.calendar[data-id='" + holidays + "']"));
        assertThat(teamRow.getText()).contains("Team").contains("writer");
        assertThat(holidaysRow.getText()).contains("Holidays").contains("reader").contains("synced to the CRM only");
        assertThat(holidaysRow.findElement(By.name("targetCalendar")).isEnabled()).isFalse();

        // Team receives new CRM items, the primary calendar and Holidays (one way) are synced too
        teamRow.findElement(By.name("targetCalendar")).click();
        browser.findElement(By.cssSelector("tr.calendar[data-id='user@example.com'] input[name='alsoCalendar']")).click();
        holidaysRow.findElement(By.name("alsoCalendar")).click();
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Settings saved");
        assertThat(runner.services().store().settings(carol).get().googleCalendars()).containsExactly(team, "user@example.com", holidays);
        boss.seedEvent(holidays, "{\"summary\":\"Company holiday\",\"start\":{\"date\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(3)
                + "\"},\"end\":{\"date\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(4) + "\"}}");
        RunSummary run = runner.services().userSync().sync(carol, false);
        assertThat(run.outcome()).as(run.report()).isEqualTo(Outcome.OK);

        // a forged id (not on the list) is refused and nothing changes
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.querySelector(\"input[name='targetCalendar']:checked\").value = '<script>x</script>'");
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("googleCalendars-error")).getText()).contains("is not one of your Google calendars");
        assertThat(runner.services().store().settings(carol).get().googleCalendars()).containsExactly(team, "user@example.com", holidays);
    }

    @Test
    void the_task_list_picker_chooses_the_lists_synced_and_the_one_receiving_new_crm_todos() throws Exception {
        String vtiger = runner.services().config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL);
        try (var c = java.sql.DriverManager.getConnection(vtiger, "sa", "")) {
            dev.gsync.vtiger.jdbc.VtigerSampleData.addUser(c, "gina", "gina@example.com", "Gina", "Tester", "UTC");
        }
        UserId erin = UserId.of("gina");   // a user of this test alone
        var google = runner.emulator().user("user@example.com");
        String work = google.addTaskList("Work");
        String home = google.addTaskList("Home");
        browser.get(runner.web().links().userPage(erin).toString());
        submit(By.id("connect"));
        submit(By.id("allow"));

        // every list is offered; Work receives new CRM to-dos, Home is synced too, the default list is not
        assertThat(browser.findElement(By.id("task-list-picker")).getText()).contains("Work").contains("Home").contains("(default)");
        browser.findElement(By.cssSelector("tr.task-list[data-id='" + work + "'] input[name='targetTaskList']")).click();
        browser.findElement(By.cssSelector("tr.task-list[data-id='" + home + "'] input[name='alsoTaskList']")).click();
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Settings saved");
        assertThat(runner.services().store().settings(erin).get().googleTaskLists()).containsExactly(work, home);

        google.seedTask(home, "{\"title\":\"Water the plants\",\"due\":\"" + LocalDate.now(ZoneOffset.UTC).plusDays(2) + "T00:00:00.000Z\"}");
        runner.addToCrm(erin, CalendarItem.task("Send the invoice", Timing.Due.on(LocalDate.now(ZoneOffset.UTC).plusDays(3))));
        RunSummary run = runner.services().userSync().sync(erin, false);
        assertThat(run.outcome()).as(run.report()).isEqualTo(Outcome.OK);
        assertThat(runner.crmTitles(erin)).contains("Water the plants");
        assertThat(google.tasks(work)).anyMatch(t -> t.contains("Send the invoice"));

        // a forged list id is refused and nothing changes
        ((JavascriptExecutor) browser).executeScript(
                "document.querySelector(\"input[name='targetTaskList']:checked\").value = 'not-a-list'");
        submit(By.id("save"));
        assertThat(browser.findElement(By.id("googleTaskLists-error")).getText()).contains("is not one of your Google task lists");
        assertThat(runner.services().store().settings(erin).get().googleTaskLists()).containsExactly(work, home);
    }

    @Test
    void a_vtiger_user_signs_in_with_their_crm_password_and_lands_on_their_settings_page() throws Exception {
        String vtiger = runner.services().config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL);
        dev.gsync.app.VtigerAccountsFixture.setPasswordPhash(vtiger, "erin", "erin-s3cret");
        dev.gsync.app.VtigerAccountsFixture.setPasswordMd5(vtiger, "bob", "bob-s3cret");
        // another CRM instance: its users (and its erin's password) mean nothing here
        String otherCrm = "jdbc:h2:mem:other-vtiger-" + java.util.UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        try (var c = java.sql.DriverManager.getConnection(otherCrm, "sa", "")) {
            dev.gsync.vtiger.jdbc.VtigerSchema.createVtigerTables(c, true);
            dev.gsync.vtiger.jdbc.VtigerSampleData.addUser(c, "zoe", "zoe@other.example", "Zoe", "Other", "UTC");
            dev.gsync.vtiger.jdbc.VtigerSampleData.addUser(c, "erin", "erin@other.example", "Erin", "Other", "UTC");
        }
        dev.gsync.app.VtigerAccountsFixture.addSignInTables(otherCrm);
        dev.gsync.app.VtigerAccountsFixture.setPasswordPhash(otherCrm, "zoe", "zoe-s3cret");
        dev.gsync.app.VtigerAccountsFixture.setPasswordPhash(otherCrm, "erin", "other-erin-s3cret");

        assertThat(signIn("erin", "wrong-password")).contains("Sign-in failed");
        assertThat(signIn("zoe", "zoe-s3cret")).as("a user of another CRM instance").contains("Sign-in failed");
        assertThat(signIn("erin", "other-erin-s3cret")).as("erin's password in another CRM instance").contains("Sign-in failed");
        dev.gsync.app.VtigerAccountsFixture.setStatus(vtiger, "bob", "Inactive");
        assertThat(signIn("bob", "bob-s3cret")).as("a disabled vtiger user").contains("Sign-in failed");
        dev.gsync.app.VtigerAccountsFixture.setStatus(vtiger, "bob", "Active");
        assertThat(browser.getPageSource()).doesNotContain("bob-s3cret");

        signIn("bob", "bob-s3cret");   // an older MD5 hash works too
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Calendar sync for bob");
        signIn("erin", "erin-s3cret");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Calendar sync for erin");
        assertThat(browser.getCurrentUrl()).contains("/u/erin?t=");
    }

    @Test
    void a_new_user_finds_their_vtiger_time_zone_already_filled_in() throws Exception {
        String vtiger = runner.services().config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL);
        try (var c = java.sql.DriverManager.getConnection(vtiger, "sa", "")) {
            dev.gsync.vtiger.jdbc.VtigerSampleData.addUser(c, "frank", "frank@example.com", "Frank", "Tester", "Asia/Kolkata");
        }
        UserId frank = UserId.of("frank");
        assertThat(runner.services().store().settings(frank)).as("frank has never saved settings").isEmpty();

        browser.get(runner.web().links().userPage(frank).toString());

        assertThat(browser.findElement(By.id("zone")).getAttribute("value")).isEqualTo("Asia/Kolkata");
        assertThat(runner.services().config().get(dev.gsync.app.config.ConfigKey.SYNC_ZONE)).as("not the fallback").isNotEqualTo("Asia/Kolkata");
    }

    /** Signs in on gsync's page; answers the page's text. */
    private String signIn(String user, String password) {
        browser.get(runner.web().links().baseUrl() + "/signin");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        submit(By.id("signin"));
        return browser.findElement(By.tagName("body")).getText();
    }

    /**
     * Clicks something that loads a new page, and waits until the new page has loaded (no race with the old one's
     * elements). The old page is marked with a script variable: a new document does not have it. (Selenium's
     * stalenessOf is not used: recent Chromium answers "Node with given id does not belong to the document" for a
     * node of a page being replaced, an error stalenessOf does not take for staleness.)
     */
    private void submit(By button) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.gsyncOldPage = true;");
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(d ->
                Boolean.TRUE.equals(js.executeScript(
                        "return window.gsyncOldPage === undefined && document.readyState === 'complete';")));
    }
}
