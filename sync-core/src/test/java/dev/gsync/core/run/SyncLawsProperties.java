package dev.gsync.core.run;

import dev.gsync.core.fixtures.World;
import dev.gsync.core.fixtures.Worlds;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.plan.SyncPlan;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of a bidirectional sync with everything in scope, over random interleavings of creates, edits and deletes
 * on both sides and syncs.
 */
class SyncLawsProperties {

    private static World replay(List<World.Op> history, ConflictPolicy policy) {
        World world = new World(SyncSettings.defaults(dev.gsync.core.fixtures.Items.ROME).with(policy));
        history.forEach(world::apply);
        return world;
    }

    @Provide
    Arbitrary<List<World.Op>> histories() {
        return Worlds.histories();
    }

    @Provide
    Arbitrary<ConflictPolicy> policies() {
        return Arbitraries.of(ConflictPolicy.values());
    }

    @Property(tries = 400)
    void law1_a_second_sync_with_no_new_changes_plans_nothing(@ForAll("histories") List<World.Op> history,
                                                                @ForAll("policies") ConflictPolicy policy) {
        World world = replay(history, policy);
        world.sync();

        SyncPlan second = world.dryRun();

        assertThat(second.actions()).as(second.describe()).isEmpty();
    }

    @Property(tries = 400)
    void law2_after_a_sync_every_linked_pair_is_equal_on_the_fields_both_sides_hold(@ForAll("histories") List<World.Op> history,
                                                                                    @ForAll("policies") ConflictPolicy policy) {
        World world = replay(history, policy);
        world.sync();

        for (Link link : world.links()) {
            assertThat(world.sameOnSharedFields(link)).as("%s vs %s", world.crm.item(link.crmId()), world.google.item(link.googleId())).isTrue();
        }
    }

    @Property(tries = 400)
    void law3_every_item_has_exactly_one_mirror(@ForAll("histories") List<World.Op> history, @ForAll("policies") ConflictPolicy policy) {
        World world = replay(history, policy);
        world.sync();

        Seq<Link> links = world.links();
        assertThat(links.map(Link::crmId).distinct()).hasSameSizeAs(links);
        assertThat(links.map(Link::googleId).distinct()).hasSameSizeAs(links);
        assertThat(links.map(Link::crmId).toSet()).isEqualTo(world.items(Side.CRM).keySet());
        assertThat(links.map(Link::googleId).toSet()).isEqualTo(world.items(Side.GOOGLE).keySet());
    }

    @Property(tries = 250)
    void law8_with_a_sync_after_every_step_pairs_are_creates_minus_deletes_and_nothing_comes_back(
            @ForAll("ops") List<World.Op> ops, @ForAll("policies") ConflictPolicy policy) {
        World world = new World(SyncSettings.defaults(dev.gsync.core.fixtures.Items.ROME).with(policy));
        int expected = 0;
        for (World.Op op : ops) {
            boolean removes = op instanceof World.Op.Delete d && world.pick(d.side(), d.which()).isDefined();
            world.apply(op);
            world.sync();
            if (op instanceof World.Op.Create) expected++;
            if (removes) expected--;
            assertThat(world.items(Side.CRM).size()).as("CRM after %s", op).isEqualTo(expected);
            assertThat(world.items(Side.GOOGLE).size()).as("Google after %s", op).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<List<World.Op>> ops() {
        return Worlds.userOps().list().ofMaxSize(20);
    }

    /** Thrown from inside a write to stand for the process dying there; an Error, so nothing catches it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    @Property(tries = 400)
    void law9_a_run_interrupted_after_any_write_and_run_again_ends_like_an_uninterrupted_one(
            @ForAll("histories") List<World.Op> history, @ForAll("fixedPolicies") ConflictPolicy policy,
            @ForAll @IntRange(min = 0, max = 40) int crashAfter, @ForAll boolean crashOnGoogle) {
        World calm = replay(history, policy);
        World crashing = replay(history, policy);
        calm.sync();

        int[] writes = {0};
        crashing.side(crashOnGoogle ? Side.GOOGLE : Side.CRM).failWrites(w -> {
            if (writes[0]++ == crashAfter) throw new SimulatedCrash();
            return Option.none();
        });
        try {
            crashing.sync();
        } catch (SimulatedCrash expected) {
            // the process died here; what it wrote so far stays written
        }
        crashing.side(crashOnGoogle ? Side.GOOGLE : Side.CRM).failWrites(w -> Option.none());
        crashing.sync();

        assertThat(contents(crashing, Side.CRM)).isEqualTo(contents(calm, Side.CRM));
        assertThat(contents(crashing, Side.GOOGLE)).isEqualTo(contents(calm, Side.GOOGLE));
        assertThat(crashing.links().size()).isEqualTo(calm.links().size());
        assertThat(crashing.dryRun().actions()).isEmpty();
    }

    @Provide
    Arbitrary<ConflictPolicy> fixedPolicies() {
        return Arbitraries.of(ConflictPolicy.CRM_WINS, ConflictPolicy.GOOGLE_WINS);
    }

    /** The items of a side as a multiset of contents: ids may differ between two worlds, contents may not. */
    private static Map<CalendarItem, Integer> contents(World world, Side side) {
        return world.items(side).values().foldLeft(HashMap.empty(), (m, item) -> m.put(item, m.get(item).getOrElse(0) + 1));
    }
}
