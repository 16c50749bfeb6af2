package dev.gsync.app.web;

import dev.gsync.app.MassDeletion;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.RunnerFixtureAccess;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAuditStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium deciding on held mass deletions (rule R12): 20 of 21 linked events deleted in the CRM
 * (vtiger's tables on MariaDB, the JDBC adapter; Google on the emulator). The user confirms on their settings
 * page; the admin discards another user's on the admin page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeldDeletionBrowserTest {
    private WebDriver browser;
    private RunnerFixtureAccess runner;

    @BeforeAll
    void start() throws Exception {
        browser = Browser.start();
        runner = RunnerFixtureAccess.startOnMariaDb(true);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) browser.quit();
        if (runner != null) runner.close();
    }

    @Test
    void the_user_sees_the_held_deletion_on_the_settings_page_and_confirms_it() throws Exception {
        MassDeletion story = MassDeletion.prepare(runner, UserId.of("alice"));
        RunSummary held = runner.services().userSync().sync(story.user, false);
        assertThat(held.outcome()).as(held.report()).isEqualTo(Outcome.HELD);

        browser.get(runner.web().links().userPage(story.user).toString());
        assertThat(browser.findElement(By.id("held-reason")).getText()).contains("deletes 20 of 21");
        assertThat(browser.findElements(By.cssSelector("#held-items li"))).hasSize(20);
        assertThat(browser.findElement(By.id("held-items")).getText()).contains("\"alice meeting 1\" on GOOGLE");
        assertThat(story.googleTitles()).hasSize(21);

        submit(By.id("confirm-deletes"));

        assertThat(browser.findElement(By.id("notice")).getText()).contains("confirmed and carried out");
        assertThat(browser.findElements(By.id("held-deletion"))).isEmpty();
        assertThat(browser.findElement(By.id("last-sync")).getText()).contains("OK");
        assertThat(story.googleTitles()).containsExactly(story.survivor());
        var audit = runner.services().injector().getInstance(RunAuditStore.class).recent(story.user, 10)
                .find(run -> run.outcome().equals("DELETIONS_CONFIRMED")).get();
        assertThat(audit.problem().get()).contains("via settings page");
    }

    @Test
    void the_admin_sees_every_held_deletion_and_discards_one_which_restores_the_events_in_the_crm() throws Exception {
        MassDeletion story = MassDeletion.prepare(runner, UserId.of("bob"));
        assertThat(runner.services().userSync().sync(story.user, false).outcome()).isEqualTo(Outcome.HELD);

        browser.get(runner.web().links().baseUrl() + "/admin");
        browser.findElement(By.id("token")).sendKeys(RunnerFixtureAccess.adminToken());
        submit(By.id("login"));
        assertThat(browser.findElement(By.id("held-deletions")).getText()).contains("bob").contains("deletes 20 of 21");
        assertThat(browser.findElements(By.cssSelector("#bob-held-items li"))).hasSize(20);

        submit(By.id("bob-discard-deletes"));

        assertThat(browser.findElement(By.id("notice")).getText()).contains("discarded");
        assertThat(browser.findElement(By.id("held-deletions")).getText()).doesNotContain("bob");
        assertThat(story.crmTitles()).isEqualTo(story.allTitles());
        assertThat(story.googleTitles()).isEqualTo(story.allTitles());
        var audit = runner.services().injector().getInstance(RunAuditStore.class).recent(story.user, 10)
                .find(run -> run.outcome().equals("DELETIONS_DISCARDED")).get();
        assertThat(audit.problem().get()).contains("via admin page");
    }

    /**
     * Clicks something that loads a new page, and waits until the new page has loaded (no race with the old one's
     * elements): the old page is marked with a script variable a new document does not have (as in
     * SettingsPageBrowserTest; Selenium's stalenessOf misreads recent Chromium's answer for a page being replaced).
     * A decision runs a sync before the page comes back, so the wait is longer.
     */
    private void submit(By button) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.gsyncOldPage = true;");
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(WebDriverException.class).until(d ->
                Boolean.TRUE.equals(js.executeScript(
                        "return window.gsyncOldPage === undefined && document.readyState === 'complete';")));
    }
}
