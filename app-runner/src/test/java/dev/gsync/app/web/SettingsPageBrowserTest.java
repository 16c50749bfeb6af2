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
