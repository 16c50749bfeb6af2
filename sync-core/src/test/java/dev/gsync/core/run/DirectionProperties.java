package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.fixtures.Worlds;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Law 5: one-way runs never write to their source side, and mirror edits are not carried back. */
class DirectionProperties {

    @Provide
    Arbitrary<List<World.Op>> histories() {
        return Worlds.histories();
    }

    @Provide
    Arbitrary<SyncDirection> oneWay() {
        return Arbitraries.of(SyncDirection.CRM_TO_GOOGLE, SyncDirection.GOOGLE_TO_CRM);
    }

    private static Side sourceOf(SyncDirection direction) {
        return direction == SyncDirection.CRM_TO_GOOGLE ? Side.CRM : Side.GOOGLE;
    }

    @Property(tries = 150)
    void a_one_way_run_never_writes_to_its_source(@ForAll("histories") List<World.Op> history, @ForAll("oneWay") SyncDirection direction) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(direction));
        history.forEach(world::apply);
        world.sync();

        assertThat(world.side(sourceOf(direction)).writesSeen()).isZero();
    }

    @Property(tries = 100)
    void after_a_one_way_run_every_source_item_has_its_mirror_with_the_same_content(
            @ForAll("histories") List<World.Op> history, @ForAll("oneWay") SyncDirection direction) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(direction));
        history.forEach(world::apply);
        world.sync();

        Side source = sourceOf(direction);
        assertThat(world.links().map(l -> l.id(source)).toSet()).isEqualTo(world.items(source).keySet());
        world.links().forEach(l -> assertThat(world.sameOnSharedFields(l)).isTrue());
    }

    @Property(tries = 40)
    void an_edit_to_a_mirror_is_not_carried_back_but_undone(@ForAll("oneWay") SyncDirection direction) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(direction));
        Side source = sourceOf(direction);
        var original = world.side(source).add(Items.meeting("Board", World.TOMORROW.plusSeconds(3600 * 9)));
        world.sync();
        var mirror = world.links().head().id(source.other());

        world.side(source.other()).edit(mirror, i -> i.withTitle("Board (my notes)"));
        world.sync();

        assertThat(world.side(source).item(original).map(CalendarItem::title)).contains("Board");
        assertThat(world.side(source.other()).item(mirror).map(CalendarItem::title)).contains("Board");
    }

    @Property(tries = 40)
    void a_deleted_mirror_is_restored_from_its_source(@ForAll("oneWay") SyncDirection direction) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(direction));
        Side source = sourceOf(direction);
        world.side(source).add(Items.meeting("Board", World.TOMORROW.plusSeconds(3600 * 9)));
        world.sync();

        world.side(source.other()).remove(world.links().head().id(source.other()));
        world.sync();

        assertThat(world.items(source.other()).values().map(CalendarItem::title)).containsExactly("Board");
        assertThat(world.links()).hasSize(1);
    }
}
