package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Law 4: concurrent edits and delete vs. edit are settled by the policy; edits to different fields both survive. */
class ConflictProperties {

    private static World linkedMeeting(ConflictPolicy policy, Side createdOn) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy));
        world.side(createdOn).add(Items.meeting("Review", World.TOMORROW.plus(Duration.ofHours(10))).withLocation("Room 1"));
        world.sync();
        return world;
    }

    private static Link onlyLink(World world) {
        assertThat(world.links()).hasSize(1);
        return world.links().head();
    }

    private static Side winnerOf(ConflictPolicy policy, Side editedLast) {
        return switch (policy) {
            case CRM_WINS -> Side.CRM;
            case GOOGLE_WINS -> Side.GOOGLE;
            case MOST_RECENT_WINS -> editedLast;
        };
    }

    @Property(tries = 60)
    void the_same_field_edited_on_both_sides_ends_as_the_policy_says(@ForAll ConflictPolicy policy, @ForAll Side createdOn,
                                                                    @ForAll Side editedLast) {
        World world = linkedMeeting(policy, createdOn);
        Link link = onlyLink(world);
        Side first = editedLast.other();

        world.side(first).edit(link.id(first), i -> i.withTitle("Review by " + first));
        world.clock.advance(Duration.ofMinutes(1));
        world.side(editedLast).edit(link.id(editedLast), i -> i.withTitle("Review by " + editedLast));
        RunReport report = world.sync();

        String expected = "Review by " + winnerOf(policy, editedLast);
        assertThat(world.crm.item(link.crmId()).get().title()).isEqualTo(expected);
        assertThat(world.google.item(link.googleId()).get().title()).isEqualTo(expected);
        assertThat(report.counts(Side.CRM).conflicts() + report.counts(Side.GOOGLE).conflicts()).isEqualTo(1);
    }

    @Property(tries = 30)
    void edits_to_different_fields_on_the_two_sides_both_survive(@ForAll ConflictPolicy policy, @ForAll Side createdOn) {
        World world = linkedMeeting(policy, createdOn);
        Link link = onlyLink(world);

        world.crm.edit(link.crmId(), i -> i.withTitle("Review, renamed in the CRM"));
        world.google.edit(link.googleId(), i -> i.withLocation("Room moved in Google"));
        world.sync();

        for (CalendarItem item : new CalendarItem[]{world.crm.item(link.crmId()).get(), world.google.item(link.googleId()).get()}) {
            assertThat(item.title()).isEqualTo("Review, renamed in the CRM");
            assertThat(item.location()).isEqualTo("Room moved in Google");
        }
    }

    @Property(tries = 60)
    void delete_against_edit_ends_as_the_policy_says(@ForAll ConflictPolicy policy, @ForAll Side createdOn,
                                                     @ForAll Side deleter, @ForAll boolean deletedLast) {
        World world = linkedMeeting(policy, createdOn);
        Link link = onlyLink(world);
        Side editor = deleter.other();

        if (deletedLast) {
            world.side(editor).edit(link.id(editor), i -> i.withTitle("Review, still on"));
            world.clock.advance(Duration.ofMinutes(1));
            world.side(deleter).remove(link.id(deleter));
        } else {
            world.side(deleter).remove(link.id(deleter));
            world.clock.advance(Duration.ofMinutes(1));
            world.side(editor).edit(link.id(editor), i -> i.withTitle("Review, still on"));
        }
        world.sync();

        Side winner = winnerOf(policy, deletedLast ? deleter : editor);
        if (winner == deleter) {
            assertThat(world.items(Side.CRM)).isEmpty();
            assertThat(world.items(Side.GOOGLE)).isEmpty();
        } else {
            assertThat(world.items(Side.CRM).values().map(CalendarItem::title)).containsExactly("Review, still on");
            assertThat(world.items(Side.GOOGLE).values().map(CalendarItem::title)).containsExactly("Review, still on");
            assertThat(world.items(editor).keySet()).containsExactly(link.id(editor));
            assertThat(world.links()).hasSize(1);
        }
    }

    @Property(tries = 20)
    void a_field_google_tasks_cannot_hold_never_overwrites_the_crm(@ForAll ConflictPolicy policy) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy));
        ExternalId todo = world.crm.add(CalendarItem.task("Send offer", new dev.gsync.core.model.Timing.Due(
                java.time.LocalDate.of(2026, 3, 30), io.vavr.control.Option.some(java.time.LocalTime.of(16, 0)))));
        world.sync();
        Link link = onlyLink(world);

        world.google.edit(link.googleId(), i -> i.withTitle("Send offer today"));
        world.sync();

        CalendarItem inCrm = world.crm.item(todo).get();
        assertThat(inCrm.title()).isEqualTo("Send offer today");
        assertThat(((dev.gsync.core.model.Timing.Due) inCrm.timing()).time()).contains(java.time.LocalTime.of(16, 0));
    }
}
