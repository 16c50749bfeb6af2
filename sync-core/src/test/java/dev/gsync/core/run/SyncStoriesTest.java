package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.Write;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** One story per sync situation: real SyncRun, in-memory calendars. */
class SyncStoriesTest {
    private final World world = new World(SyncSettings.defaults(Items.ROME));

    private ExternalId meetingIn(Side side, String title, int hour) {
        return world.side(side).add(Items.meeting(title, World.TOMORROW.plus(Duration.ofHours(hour))));
    }

    @Test
    void a_first_sync_copies_each_side_to_the_other_and_reports_it() {
        meetingIn(Side.CRM, "Offer review", 9);
        meetingIn(Side.GOOGLE, "Dentist", 15);
        world.crm.add(Items.todo("Call back Mr Rossi", java.time.LocalDate.of(2026, 3, 30)));

        RunReport report = world.sync();

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.counts(Side.GOOGLE).created()).isEqualTo(2);
        assertThat(report.counts(Side.CRM).created()).isEqualTo(1);
        assertThat(world.items(Side.GOOGLE).values().map(CalendarItem::title)).contains("Offer review", "Call back Mr Rossi");
        assertThat(report.summary()).contains("CRM -> Google", "created 2");
        assertThat(report.oneLine()).contains("outcome=COMPLETED", "toGoogle=2/0/0/0/0/0", "toCrm=1/0/0/0/0/0").doesNotContain("\n");
    }

    @Test
    void a_dry_run_plans_but_changes_nothing() {
        meetingIn(Side.CRM, "Offer review", 9);

        RunReport report = new SyncRun(world.crm, world.google, world.store, world.clock)
                .run(world.user, world.settings, RunOptions.DEFAULT.withDryRun(true));

        assertThat(report.plan().get().writes()).hasSize(1);
        assertThat(world.items(Side.GOOGLE)).isEmpty();
        assertThat(world.store.cursor(world.user, Side.CRM).isEmpty()).isTrue();
        assertThat(report.summary()).contains("planned writes:", "created on GOOGLE: CRM:");
    }

    @Test
    void skipped_items_are_reported_as_one_group_per_reason_with_a_few_samples() {
        // A long-lived CRM calendar: thousands of events far in the past, outside the horizon, and one meeting tomorrow.
        for (int day = 0; day < 2_000; day++) world.crm.add(Items.meeting("Old " + day, World.TOMORROW.minus(Duration.ofDays(400 + day))));
        meetingIn(Side.CRM, "Offer review", 9);

        RunReport dry = new SyncRun(world.crm, world.google, world.store, world.clock)
                .run(world.user, world.settings, RunOptions.DEFAULT.withDryRun(true));
        RunReport report = world.sync();

        for (RunReport r : java.util.List.of(dry, report)) {
            assertThat(r.skips()).hasSize(1);
            RunReport.SkipGroup old = r.skips().head();
            assertThat(old.count()).isEqualTo(2_000);
            assertThat(old.samples()).hasSize(RunReport.SkipGroup.SAMPLES);
            assertThat(old.rule()).startsWith("R7");
            assertThat(r.counts(Side.GOOGLE).skipped()).isEqualTo(2_000);
            assertThat(r.entries()).hasSize(1);
            assertThat(r.summary().lines().count()).isLessThan(12);
        }
        assertThat(report.counts(Side.GOOGLE).created()).isEqualTo(1);
        assertThat(dry.summary()).contains("skipped 2000 to GOOGLE: " + "it lies outside the sync horizon", "planned writes:", "created on GOOGLE");
    }

    @Test
    void a_plan_that_would_delete_most_linked_items_is_refused_until_confirmed() {
        world.options = RunOptions.DEFAULT;
        for (int hour = 8; hour < 18; hour++) meetingIn(Side.CRM, "Meeting " + hour, hour);
        world.sync();

        // Someone empties the CRM calendar (or the CRM answers an empty list by mistake).
        world.items(Side.CRM).keySet().forEach(world.crm::remove);
        RunReport refused = world.sync();

        assertThat(refused.outcome()).isEqualTo(RunReport.Outcome.REFUSED);
        assertThat(refused.problem().get()).contains("deletes 10 of 10");
        assertThat(world.items(Side.GOOGLE)).hasSize(10);

        world.options = RunOptions.DEFAULT.withConfirmMassDelete(true);
        RunReport confirmed = world.sync();

        assertThat(confirmed.counts(Side.GOOGLE).deleted()).isEqualTo(10);
        assertThat(world.items(Side.GOOGLE)).isEmpty();
    }

    @Test
    void a_failing_item_is_reported_does_not_stop_the_others_and_is_retried_next_run() {
        ExternalId bad = meetingIn(Side.CRM, "Refused by Google", 9);
        meetingIn(Side.CRM, "Fine", 10);
        world.google.failWrites(w -> w instanceof Write.Create c && c.item().title().startsWith("Refused")
                ? Option.some(new CalendarFailure.Unavailable("503 backendError")) : Option.none());

        RunReport first = world.sync();

        assertThat(first.outcome()).isEqualTo(RunReport.Outcome.PARTIAL);
        assertThat(first.failures()).hasSize(1);
        assertThat(first.failures().head().reason().get()).contains("503");
        assertThat(world.items(Side.GOOGLE).values().map(CalendarItem::title)).containsExactly("Fine");

        world.google.failWrites(w -> Option.none());
        RunReport second = world.sync();

        assertThat(second.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(second.counts(Side.GOOGLE).created()).isEqualTo(1);
        assertThat(world.items(Side.GOOGLE).values().map(CalendarItem::title)).containsExactlyInAnyOrder("Fine", "Refused by Google");
        assertThat(world.store.pending(world.user)).isEmpty();
        assertThat(bad).isNotNull();
    }

    @Test
    void an_expired_cursor_restarts_with_a_full_listing_without_duplicating_anything() {
        meetingIn(Side.GOOGLE, "Dentist", 15);
        meetingIn(Side.CRM, "Offer review", 9);
        world.sync();

        world.google.expireCursors();
        meetingIn(Side.GOOGLE, "Gym", 18);
        RunReport report = world.sync();

        assertThat(report.notes()).anyMatch(n -> n.contains("Google change feed restarted"));
        assertThat(world.items(Side.CRM).values().map(CalendarItem::title)).containsExactlyInAnyOrder("Dentist", "Offer review", "Gym");
        assertThat(world.items(Side.GOOGLE)).hasSize(3);
        assertThat(world.dryRun().actions()).isEmpty();
    }

    @Test
    void an_item_changed_meanwhile_is_not_overwritten_blindly_but_read_again_and_merged() {
        ExternalId crmId = meetingIn(Side.CRM, "Offer review", 9);
        world.sync();
        ExternalId googleId = world.links().head().googleId();

        world.crm.edit(crmId, i -> i.withTitle("Offer review (moved)"));
        // Google answers 412 once, as if the user edited the event between our read and our write.
        boolean[] once = {true};
        world.google.failWrites(w -> {
            if (w instanceof Write.Update && once[0]) {
                once[0] = false;
                world.google.edit(googleId, i -> i.withLocation("Room 9"));
                return Option.some(new CalendarFailure.Stale(googleId));
            }
            return Option.none();
        });
        RunReport report = world.sync();

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(report.notes()).anyMatch(n -> n.contains("changed while being synced"));
        CalendarItem merged = world.google.item(googleId).get();
        assertThat(merged.title()).isEqualTo("Offer review (moved)");
        assertThat(merged.location()).isEqualTo("Room 9");
        assertThat(world.crm.item(crmId).get().location()).isEqualTo("Room 9");
        assertThat(world.dryRun().actions()).isEmpty();
    }

    @Test
    void an_item_that_keeps_changing_while_being_synced_is_reported_and_retried_next_run() {
        ExternalId crmId = meetingIn(Side.CRM, "Offer review", 9);
        world.sync();
        ExternalId googleId = world.links().head().googleId();
        world.crm.edit(crmId, i -> i.withTitle("Offer review (moved)"));
        world.google.failWrites(w -> w instanceof Write.Update ? Option.some(new CalendarFailure.Stale(googleId)) : Option.none());

        RunReport first = world.sync();

        assertThat(first.outcome()).isEqualTo(RunReport.Outcome.PARTIAL);
        assertThat(first.failures().head().reason().get()).contains("changed meanwhile");
        assertThat(world.store.pending(world.user)).isNotEmpty();

        world.google.failWrites(w -> Option.none());
        world.sync();

        assertThat(world.google.item(googleId).get().title()).isEqualTo("Offer review (moved)");
        assertThat(world.store.pending(world.user)).isEmpty();
    }

    @Test
    void a_needed_reauthorisation_stops_the_run_with_a_clear_outcome() {
        meetingIn(Side.CRM, "Offer review", 9);
        world.google.failWrites(w -> Option.some(new CalendarFailure.AuthorizationRequired("invalid_grant: Token has been expired or revoked.")));

        RunReport report = world.sync();

        assertThat(report.outcome()).isEqualTo(RunReport.Outcome.NEEDS_REAUTHORISATION);
        assertThat(report.summary()).contains("linked again");
    }
}
