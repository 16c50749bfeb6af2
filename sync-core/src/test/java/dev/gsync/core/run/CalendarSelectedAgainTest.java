package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.plan.SyncAction;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, R10 then R8: a Google calendar deselected and selected again. Its links were released when it was
 * deselected; selecting it again adopts the copies gsync left there (R8) instead of copying the CRM items a second
 * time, and nothing is deleted on either side.
 */
class CalendarSelectedAgainTest {
    private final World world = new World(SyncSettings.defaults(Items.ROME).withGoogleCalendars(List.of("A")));

    private List<String> titlesIn(String calendar) {
        return world.google.items().filter(e -> world.google.containerOf(e._1).contains(calendar)).values().map(CalendarItem::title).toList().sorted();
    }

    @Test
    void a_calendar_selected_again_gets_no_second_copies_and_loses_nothing() {
        world.crm.add(Items.meeting("Board meeting", World.TOMORROW.plus(Duration.ofHours(9))));
        world.crm.add(Items.meeting("Site visit", World.TOMORROW.plus(Duration.ofHours(15))));
        world.google.select(List.of("A"));
        ExternalId lunch = world.google.add(Items.meeting("Team lunch", World.TOMORROW.plus(Duration.ofHours(12))));
        world.sync();
        assertThat(titlesIn("A")).containsExactly("Board meeting", "Site visit", "Team lunch");

        // deselected: the links are released (R10); the CRM items go to the calendar now selected
        world.settings = world.settings.withGoogleCalendars(List.of("B"));
        RunReport deselected = world.sync();
        assertThat(titlesIn("B")).containsExactly("Board meeting", "Site visit");

        // selected again
        world.settings = world.settings.withGoogleCalendars(List.of("A"));
        RunReport again = world.sync();
        RunReport next = world.sync();

        assertThat(titlesIn("A")).as("no second copies").containsExactly("Board meeting", "Site visit", "Team lunch");
        assertThat(world.google.item(lunch)).isNotEmpty();
        assertThat(world.crm.items().values().map(CalendarItem::title).toList().sorted())
                .containsExactly("Board meeting", "Site visit", "Team lunch");
        assertThat(titlesIn("B")).as("B is not synced any more: its copies stay as they are (R10)").containsExactly("Board meeting", "Site visit");
        assertThat(List.of(deselected, again, next).flatMap(RunReport::entries)).noneMatch(e -> e.action() == RunReport.Action.DELETED);
        assertThat(world.links()).hasSize(3);
        assertThat(world.dryRun().actions().filter(a -> !(a instanceof SyncAction.Skip))).as("a further run changes nothing").isEmpty();
    }

    @Test
    void a_calendar_added_back_beside_the_one_selected_meanwhile_keeps_its_old_copies_without_adopting_or_deleting_them() {
        world.crm.add(Items.meeting("Board meeting", World.TOMORROW.plus(Duration.ofHours(9))));
        world.google.select(List.of("A"));
        world.google.add(Items.meeting("Team lunch", World.TOMORROW.plus(Duration.ofHours(12))));
        world.sync();
        world.settings = world.settings.withGoogleCalendars(List.of("B"));
        world.sync();

        world.settings = world.settings.withGoogleCalendars(List.of("B", "A"));
        RunReport again = world.sync();
        world.sync();

        assertThat(titlesIn("A")).containsExactly("Board meeting", "Team lunch");
        assertThat(titlesIn("B")).containsExactly("Board meeting");
        assertThat(world.crm.items().values().map(CalendarItem::title).toList().sorted()).containsExactly("Board meeting", "Team lunch");
        assertThat(again.entries()).noneMatch(e -> e.action() == RunReport.Action.DELETED);
        // B got its copy of the CRM event while A was not synced; A's old copy stays as it is (not deleted, not
        // adopted: the event has its linked copy in B), reported once and not read again at every run
        assertThat(again.skips()).anyMatch(s -> s.rule().equals("R10") && s.reason().contains("already has a linked copy"));
        assertThat(world.store.pending(world.user)).isEmpty();
        assertThat(world.dryRun().actions().filter(a -> !(a instanceof SyncAction.Skip))).as("a further run changes nothing").isEmpty();
    }
}
