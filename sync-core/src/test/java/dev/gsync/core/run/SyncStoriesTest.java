package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.HeldDeletion;
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
        assertThat(dry.summary()).contains("skipped 2000 to GOOGLE: " + "it lies before the sync horizon", "planned writes:", "created on GOOGLE");
    }

    @Test
    void a_plan_that_would_delete_most_linked_items_is_held_while_everything_else_syncs_until_confirmed() {
        world.options = RunOptions.DEFAULT;
        for (int hour = 8; hour < 18; hour++) meetingIn(Side.CRM, "Meeting " + hour, hour);
        world.sync();

        // Someone empties the CRM calendar (or the CRM answers an empty list by mistake), and adds one new meeting.
        world.items(Side.CRM).keySet().forEach(world.crm::remove);
        meetingIn(Side.CRM, "Fresh", 19);
        RunReport held = world.sync();

        assertThat(held.outcome()).isEqualTo(RunReport.Outcome.HELD);
        assertThat(held.problem().get()).contains("deletes 10 of 10").contains("held");
        assertThat(world.items(Side.GOOGLE)).hasSize(11);                      // nothing deleted, the new one mirrored
        assertThat(held.counts(Side.GOOGLE).skipped()).isEqualTo(10);
        HeldDeletion kept = world.store.heldDeletion(world.user).get();
        assertThat(kept.items()).hasSize(10).allMatch(i -> i.target() == Side.GOOGLE && i.title().get().startsWith("Meeting "));

        // Later runs (the scheduler's) keep it held, change nothing and say so again.
        RunReport again = world.sync();
        assertThat(again.outcome()).isEqualTo(RunReport.Outcome.HELD);
        assertThat(world.store.heldDeletion(world.user)).contains(kept);

        world.options = RunOptions.DEFAULT.with(RunOptions.HeldDecision.CONFIRM);
        RunReport confirmed = world.sync();

        assertThat(confirmed.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(confirmed.counts(Side.GOOGLE).deleted()).isEqualTo(10);
        assertThat(confirmed.notes()).contains("held deletion confirmed: 10 of 10 carried out");
        assertThat(world.items(Side.GOOGLE).values().map(CalendarItem::title)).containsExactly("Fresh");
        assertThat(world.store.heldDeletion(world.user)).isEmpty();
    }

    @Test
    void a_confirmation_covers_only_the_deletions_held_not_what_a_later_plan_deletes() {
        world.options = RunOptions.DEFAULT;
        world.settings = world.settings.withMaxDeleteShare(0.3);
        for (int hour = 0; hour < 20; hour++) meetingIn(Side.CRM, "Meeting " + hour, hour);
        world.sync();
        var ids = world.items(Side.CRM).keySet().toList().sorted();
        ids.take(7).forEach(world.crm::remove);
        assertThat(world.sync().outcome()).isEqualTo(RunReport.Outcome.HELD);

        // Before the user confirms, seven more are deleted.
        ids.drop(7).take(7).forEach(world.crm::remove);
        world.options = RunOptions.DEFAULT.with(RunOptions.HeldDecision.CONFIRM);
        RunReport confirmed = world.sync();

        // the 7 confirmed are deleted; the 7 new ones (more than 30% of 20) are held for a new decision
        assertThat(confirmed.counts(Side.GOOGLE).deleted()).isEqualTo(7);
        assertThat(confirmed.outcome()).isEqualTo(RunReport.Outcome.HELD);
        assertThat(confirmed.notes()).anyMatch(n -> n.contains("the plan changed since the deletion was held: 7 further"));
        assertThat(world.store.heldDeletion(world.user).get().items().map(i -> i.gone())).containsExactlyInAnyOrderElementsOf(ids.drop(7).take(7));
        assertThat(world.items(Side.GOOGLE)).hasSize(13);
    }

    @Test
    void a_discarded_deletion_restores_the_deleted_items_from_their_mirrors_and_links_them_again() {
        world.options = RunOptions.DEFAULT;
        for (int hour = 8; hour < 18; hour++) meetingIn(Side.CRM, "Meeting " + hour, hour);
        world.sync();
        world.items(Side.CRM).keySet().forEach(world.crm::remove);
        assertThat(world.sync().outcome()).isEqualTo(RunReport.Outcome.HELD);

        world.options = RunOptions.DEFAULT.with(RunOptions.HeldDecision.DISCARD);
        RunReport discarded = world.sync();

        assertThat(discarded.outcome()).as(discarded.summary()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(discarded.counts(Side.CRM).created()).isEqualTo(10);
        assertThat(world.items(Side.CRM).values().map(CalendarItem::title).sorted()).isEqualTo(world.items(Side.GOOGLE).values().map(CalendarItem::title).sorted());
        assertThat(world.items(Side.CRM)).hasSize(10);
        assertThat(world.links()).hasSize(10);
        assertThat(world.store.heldDeletion(world.user)).isEmpty();

        // and it stays settled
        world.options = RunOptions.DEFAULT;
        RunReport after = world.sync();
        assertThat(after.outcome()).isEqualTo(RunReport.Outcome.COMPLETED);
        assertThat(after.plan().get().writes()).isEmpty();
    }

    @Test
    void a_discarded_deletion_whose_restore_fails_stays_held_until_discarded_again() {
        world.options = RunOptions.DEFAULT;
        for (int hour = 8; hour < 16; hour++) meetingIn(Side.CRM, "Meeting " + hour, hour);
        world.sync();
        world.items(Side.CRM).keySet().forEach(world.crm::remove);
        world.sync();
        world.crm.failWrites(w -> w instanceof Write.Create c && c.item().title().equals("Meeting 9")
                ? Option.some(new CalendarFailure.Unavailable("503 backendError")) : Option.none());

        world.options = RunOptions.DEFAULT.with(RunOptions.HeldDecision.DISCARD);
        RunReport partly = world.sync();

        assertThat(partly.outcome()).isEqualTo(RunReport.Outcome.PARTIAL);
        assertThat(world.items(Side.CRM)).hasSize(7);
        assertThat(world.store.heldDeletion(world.user).get().items().map(i -> i.title().get())).containsExactly("Meeting 9");
        assertThat(partly.notes()).anyMatch(n -> n.contains("1 discarded deletion(s) could not be restored yet"));

        world.crm.failWrites(w -> Option.none());
        world.sync();

        assertThat(world.items(Side.CRM)).hasSize(8);
        assertThat(world.store.heldDeletion(world.user)).isEmpty();
        assertThat(world.links()).hasSize(8);
    }

    @Test
    void a_discarded_deletion_made_in_google_brings_the_google_events_back_from_the_crm() {
        world.options = RunOptions.DEFAULT;
        for (int hour = 8; hour < 16; hour++) meetingIn(Side.GOOGLE, "Call " + hour, hour);
        world.sync();
        world.items(Side.GOOGLE).keySet().forEach(world.google::remove);
        RunReport held = world.sync();
        assertThat(held.outcome()).isEqualTo(RunReport.Outcome.HELD);
        assertThat(world.store.heldDeletion(world.user).get().counts()).isEqualTo("8 on CRM");

        world.options = RunOptions.DEFAULT.with(RunOptions.HeldDecision.DISCARD);
        RunReport discarded = world.sync();

        assertThat(discarded.counts(Side.GOOGLE).created()).isEqualTo(8);
        assertThat(world.items(Side.GOOGLE).values().map(CalendarItem::title).sorted())
                .isEqualTo(world.items(Side.CRM).values().map(CalendarItem::title).sorted());
        assertThat(world.items(Side.CRM)).hasSize(8);
        world.options = RunOptions.DEFAULT;
        assertThat(world.sync().plan().get().writes()).isEmpty();
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
