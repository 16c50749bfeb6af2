package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.ItemStatus;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Timing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R14: statuses the CRM holds and Google cannot, and tasks Google holds without a due date the CRM cannot do without.
 */
class StatusAndUndatedProperties {
    private static final LocalDate TODAY = LocalDate.ofInstant(World.NOW, Items.ROME);

    /** Something a user does to the pair between syncs, never touching the CRM's status or the CRM's due date. */
    record Step(String name, boolean onGoogle, java.util.function.UnaryOperator<CalendarItem> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Provide
    Arbitrary<ItemStatus> crmStatuses() {
        return Arbitraries.of(ItemStatus.values()).filter(s -> s != ItemStatus.TENTATIVE);   // vtiger cannot hold tentative
    }

    @Provide
    Arbitrary<ConflictPolicy> policies() {
        return Arbitraries.of(ConflictPolicy.values());
    }

    @Provide
    Arbitrary<List<Step>> quietSteps() {
        return Arbitraries.oneOf(
                Items.titles().map(t -> new Step("rename in Google to " + t, true, i -> i.withTitle(t))),
                Items.descriptions().map(d -> new Step("describe in Google as " + d, true, i -> i.withDescription(d))),
                Items.titles().map(t -> new Step("rename in the CRM to " + t, false, i -> i.withTitle(t))),
                // Google re-saves the status it holds (a client writing the whole item back): still no change for the CRM
                Arbitraries.just(new Step("Google re-saves its status", true, i -> i.withStatus(i.status().coarse()))))
                .list().ofMaxSize(6);
    }

    @Property(tries = 300)
    void a_round_trip_through_both_sides_keeps_every_status_the_crm_holds(@ForAll("crmStatuses") ItemStatus status,
                                                                          @ForAll("policies") ConflictPolicy policy,
                                                                          @ForAll("quietSteps") List<Step> steps) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy));
        ItemKind kind = status.fits(ItemKind.EVENT) ? ItemKind.EVENT : ItemKind.TASK;
        CalendarItem original = kind == ItemKind.EVENT ? Items.meeting("Demo", World.TOMORROW) : Items.todo("Call back", TODAY.plusDays(1));
        ExternalId crmId = world.crm.add(original);
        world.sync();
        world.crm.edit(crmId, i -> i.withStatus(status));
        world.sync();

        for (Step step : steps) {
            Link link = world.links().find(l -> l.crmId().equals(crmId)).get();
            if (step.onGoogle()) world.google.edit(link.googleId(), step.change());
            else world.crm.edit(crmId, step.change());
            world.sync();

            assertThat(world.crm.item(crmId).get().status()).as("CRM after %s", step).isEqualTo(status);
            assertThat(world.google.item(link.googleId()).get().status()).as("Google after %s", step).isEqualTo(status.coarse());
        }
        assertThat(world.dryRun().actions()).isEmpty();
    }

    @Property(tries = 200)
    void a_google_status_that_means_something_else_still_reaches_the_crm(@ForAll("crmStatuses") ItemStatus status,
                                                                         @ForAll("policies") ConflictPolicy policy) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy));
        ItemKind kind = status.fits(ItemKind.EVENT) ? ItemKind.EVENT : ItemKind.TASK;
        CalendarItem original = kind == ItemKind.EVENT ? Items.meeting("Demo", World.TOMORROW) : Items.todo("Call back", TODAY.plusDays(1));
        if (status == ItemStatus.CANCELLED) return;   // a cancelled CRM event is not created in Google (R1)
        ExternalId crmId = world.crm.add(original.withStatus(status));
        world.sync();
        Link link = world.links().head();
        ItemStatus other = kind == ItemKind.TASK
                ? (status.coarse() == ItemStatus.COMPLETED ? ItemStatus.OPEN : ItemStatus.COMPLETED)
                : (status.coarse() == ItemStatus.CONFIRMED ? ItemStatus.TENTATIVE : ItemStatus.CONFIRMED);

        world.google.edit(link.googleId(), i -> i.withStatus(other));
        world.sync();

        assertThat(world.crm.item(crmId).get().status()).isEqualTo(other);
    }

    /** What a user does around an undated Google task, never editing the CRM's due date. */
    @Provide
    Arbitrary<List<Step>> undatedSteps() {
        return Arbitraries.oneOf(
                Items.titles().map(t -> new Step("rename in Google to " + t, true, i -> i.withTitle(t))),
                Items.titles().map(t -> new Step("rename in the CRM to " + t, false, i -> i.withTitle(t))),
                Arbitraries.of(ItemStatus.OPEN, ItemStatus.COMPLETED).map(s -> new Step("set " + s + " in Google", true, i -> i.withStatus(s))),
                Arbitraries.of(ItemStatus.IN_PROGRESS, ItemStatus.DEFERRED, ItemStatus.COMPLETED, ItemStatus.OPEN)
                        .map(s -> new Step("set " + s + " in the CRM", false, i -> i.withStatus(s))),
                Arbitraries.integers().between(1, 9).map(d -> new Step("due in " + d + " days in Google", true, i -> i.withTiming(Timing.Due.on(TODAY.plusDays(d))))),
                Arbitraries.just(new Step("remove the due date in Google", true, i -> i.withTiming(Timing.Due.undated(TODAY)))),
                Arbitraries.just(new Step("a day passes", false, i -> i)))
                .list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void a_placeholder_due_date_never_leaks_back_to_google(@ForAll("policies") ConflictPolicy policy,
                                                            @ForAll("undatedSteps") List<Step> steps) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy));
        ExternalId googleId = world.google.add(CalendarItem.task("Buy stamps", Timing.Due.undated(TODAY)));
        world.sync();
        ExternalId crmId = world.links().head().crmId();
        assertThat(world.crm.item(crmId).get().timing()).as("the day first seen, as a real date").isEqualTo(Timing.Due.on(TODAY));
        Timing googleDue = Timing.Due.undated(TODAY);

        for (Step step : steps) {
            if (step.name().equals("a day passes")) world.clock.advance(java.time.Duration.ofDays(1));
            else if (step.onGoogle()) world.google.edit(googleId, step.change());
            else world.crm.edit(crmId, step.change());
            if (step.onGoogle()) googleDue = world.google.item(googleId).get().timing();
            world.sync();

            Timing nowInGoogle = world.google.item(googleId).get().timing();
            assertThat(nowInGoogle).as("Google's due date after %s", step).isEqualTo(googleDue);
            Timing.Due inCrm = (Timing.Due) world.crm.item(crmId).get().timing();
            assertThat(inCrm.placeholder()).isFalse();
            if (!((Timing.Due) googleDue).placeholder()) assertThat(inCrm).as("a date set in Google replaces the stand-in").isEqualTo(googleDue);
        }
        assertThat(world.dryRun().actions()).isEmpty();
    }

    @Example
    void a_due_date_the_user_sets_in_the_crm_does_reach_google() {
        World world = new World(SyncSettings.defaults(Items.ROME));
        ExternalId googleId = world.google.add(CalendarItem.task("Buy stamps", Timing.Due.undated(TODAY)));
        world.sync();
        ExternalId crmId = world.links().head().crmId();

        world.crm.edit(crmId, i -> i.withTiming(Timing.Due.on(TODAY.plusDays(3))));
        world.sync();

        assertThat(world.google.item(googleId).get().timing()).isEqualTo(Timing.Due.on(TODAY.plusDays(3)));
    }
}
