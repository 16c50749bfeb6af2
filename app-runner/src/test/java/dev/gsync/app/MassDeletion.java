package dev.gsync.app;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import dev.gsync.core.model.UserId;
import dev.gsync.emulator.EmulatedUser;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story of issue 9: a user has 21 linked events, and 20 of them are deleted in the CRM on purpose. The next sync
 * holds those deletions back (rule R12). Each user gets a Google calendar of their own on the emulator, so stories of
 * several users in one runner do not mix.
 */
public final class MassDeletion {
    public static final int LINKED = 21;
    public static final int DELETED = 20;

    public final RunnerFixtureAccess runner;
    public final UserId user;
    public final String calendarId;
    public final List<ExternalId> crmIds;

    private MassDeletion(RunnerFixtureAccess runner, UserId user, String calendarId, List<ExternalId> crmIds) {
        this.runner = runner;
        this.user = user;
        this.calendarId = calendarId;
        this.crmIds = crmIds;
    }

    /** Links the user, syncs 21 CRM events to Google, deletes 20 of them in the CRM: ready for the sync that holds. */
    public static MassDeletion prepare(RunnerFixtureAccess runner, UserId user) throws Exception {
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web().links().connectLink(user));
        assertThat(runner.services().accounts().isLinked(user)).isTrue();
        String calendarId = google(runner).addCalendar(user + "'s meetings");
        runner.services().store().saveSettings(user, SyncSettings.defaults(ZoneId.of("UTC"))
                .withKinds(HashSet.of(ItemKind.EVENT)).withGoogleCalendars(List.of(calendarId)));
        Instant first = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
        List<ExternalId> ids = List.range(0, LINKED).map(i -> runner.addToCrm(user, CalendarItem.event(user + " meeting " + (i + 1),
                new Timing.Timed(first.plus(30L * i, ChronoUnit.MINUTES), first.plus(30L * i + 25, ChronoUnit.MINUTES), ZoneId.of("UTC")))));
        RunSummary first_ = runner.services().userSync().sync(user, false);
        assertThat(first_.outcome()).as(first_.report()).isEqualTo(Outcome.OK);
        MassDeletion story = new MassDeletion(runner, user, calendarId, ids);
        assertThat(story.googleTitles()).hasSize(LINKED);
        ids.take(DELETED).forEach(id -> runner.deleteFromCrm(user, id));
        return story;
    }

    /** The titles of the live (not cancelled) events in the user's Google calendar. */
    public List<String> googleTitles() {
        return List.ofAll(google(runner).events(calendarId)).filter(json -> !json.contains("\"status\":\"cancelled\""))
                .map(json -> json.replaceAll("(?s).*\"summary\":\"([^\"]*)\".*", "$1")).sorted();
    }

    public List<String> crmTitles() {
        return runner.crmTitles(user);
    }

    public String survivor() {
        return user + " meeting " + LINKED;
    }

    /** All 21 titles, sorted as the lists above. */
    public List<String> allTitles() {
        return List.range(1, LINKED + 1).map(i -> user + " meeting " + i).sorted();
    }

    private static EmulatedUser google(RunnerFixtureAccess runner) {
        return runner.emulator().user(RunnerFixture.GOOGLE_ACCOUNT);
    }
}
