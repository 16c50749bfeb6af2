package dev.gsync.core.run;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.PrivateEvents;
import dev.gsync.core.model.PrivateLanding;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.Visibility;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Law 6: private items cross only where the policy allows; private Google items land public unless told otherwise. */
class PrivacyProperties {

    @Property(tries = 80)
    void a_private_item_crosses_only_where_the_policy_allows(@ForAll PrivateEvents policy, @ForAll Side createdOn,
                                                             @ForAll Visibility visibility, @ForAll PrivateLanding landing) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy).with(landing));
        ExternalId id = world.side(createdOn).add(Items.meeting("Doctor", World.TOMORROW.plus(Duration.ofHours(8))).withVisibility(visibility));

        world.sync();

        Side to = createdOn.other();
        boolean mayCross = visibility == Visibility.PUBLIC || policy.mayCross(to);
        assertThat(world.items(to)).hasSize(mayCross ? 1 : 0);
        if (mayCross) {
            CalendarItem copy = world.items(to).values().head();
            Visibility expected = to == Side.CRM && visibility == Visibility.PRIVATE && landing == PrivateLanding.PUBLIC
                    ? Visibility.PUBLIC : visibility;
            assertThat(copy.visibility()).isEqualTo(expected);
            assertThat(copy.title()).isEqualTo("Doctor");
        }
        assertThat(world.side(createdOn).item(id).isDefined()).isTrue();
    }

    @Property(tries = 60)
    void an_original_made_private_takes_its_mirror_away_where_private_items_may_not_go(@ForAll PrivateEvents policy,
                                                                                        @ForAll Side createdOn) {
        World world = new World(SyncSettings.defaults(Items.ROME).with(policy));
        ExternalId id = world.side(createdOn).add(Items.meeting("Doctor", World.TOMORROW.plus(Duration.ofHours(8))));
        world.sync();
        Link link = world.links().head();

        world.side(createdOn).edit(id, i -> i.withVisibility(Visibility.PRIVATE));
        world.sync();

        Side to = createdOn.other();
        assertThat(world.side(to).item(link.id(to)).isDefined()).isEqualTo(policy.mayCross(to));
        assertThat(world.side(createdOn).item(id).isDefined()).isTrue();
    }
}
