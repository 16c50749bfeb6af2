package dev.gsync.core.port;

import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.PrivateEvents;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.model.Version;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every state store must do. Each test uses users of its own, so a shared database needs no cleaning. */
public abstract class SyncStateStoreContract {

    protected abstract SyncStateStore store();

    private static UserId newUser() {
        return UserId.of("user-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static Link link(String crm, String google) {
        return new Link(ItemKind.EVENT, Side.CRM, ExternalId.of(crm), ExternalId.of(google), Version.of("c1"), Version.of("g1"),
                new Fingerprints(TreeMap.of(Field.TITLE, "0123456789abcdef")), new Fingerprints(TreeMap.of(Field.TITLE, "fedcba9876543210")));
    }

    @Test
    void settings_come_back_as_saved() {
        SyncStateStore store = store();
        UserId user = newUser();
        SyncSettings settings = SyncSettings.defaults(ZoneId.of("Europe/Rome"))
                .with(SyncDirection.GOOGLE_TO_CRM).with(ConflictPolicy.MOST_RECENT_WINS).with(PrivateEvents.ONLY_TO_CRM)
                .with(new HourWindow(LocalTime.of(22, 0), LocalTime.of(6, 30))).withKinds(HashSet.of(ItemKind.TASK))
                .withGoogleCalendars(List.of("primary", "team@group.calendar.google.com")).withAllDayInScope(false);

        store.saveSettings(user, settings);

        assertThat(store.settings(user).get()).isEqualTo(settings);
        assertThat(store.users()).contains(user);
    }

    @Test
    void cursors_are_kept_per_side() {
        SyncStateStore store = store();
        UserId user = newUser();

        store.saveCursor(user, Side.CRM, new Cursor("crm-cursor"));
        store.saveCursor(user, Side.GOOGLE, new Cursor("{\"primary\":\"token\"}"));
        store.saveCursor(user, Side.CRM, new Cursor("crm-cursor-2"));

        assertThat(store.cursor(user, Side.CRM).get()).isEqualTo(new Cursor("crm-cursor-2"));
        assertThat(store.cursor(user, Side.GOOGLE).get()).isEqualTo(new Cursor("{\"primary\":\"token\"}"));
        assertThat(store.cursor(newUser(), Side.CRM).isEmpty()).isTrue();
    }

    @Test
    void links_are_found_by_either_side() {
        SyncStateStore store = store();
        UserId user = newUser();
        Link a = link("18x1", "g-a");
        Link b = link("18x2", "g-b");
        store.saveLink(user, a);
        store.saveLink(user, b);

        Seq<Link> found = store.links(user, HashSet.of(ExternalId.of("18x1")), HashSet.of(ExternalId.of("g-b"), ExternalId.of("g-none")));

        assertThat(found.toSet()).isEqualTo(HashSet.of(a, b));
        assertThat(store.linkCount(user)).isEqualTo(2);
        assertThat(store.allLinks(user).toSet()).isEqualTo(HashSet.of(a, b));
        assertThat(store.linkedIds(user, Side.CRM)).isEqualTo(HashSet.of(ExternalId.of("18x1"), ExternalId.of("18x2")));
        assertThat(store.linkedIds(user, Side.GOOGLE)).isEqualTo(HashSet.of(ExternalId.of("g-a"), ExternalId.of("g-b")));
        assertThat(store.links(newUser(), HashSet.of(ExternalId.of("18x1")), HashSet.empty())).isEmpty();
    }

    @Test
    void saving_a_link_replaces_any_link_sharing_an_id() {
        SyncStateStore store = store();
        UserId user = newUser();
        store.saveLink(user, link("18x1", "g-a"));
        store.saveLink(user, link("18x2", "g-b"));

        Link crossing = link("18x1", "g-b");
        store.saveLink(user, crossing);

        assertThat(store.allLinks(user)).containsExactly(crossing);
    }

    @Test
    void a_removed_link_is_gone() {
        SyncStateStore store = store();
        UserId user = newUser();
        Link a = link("18x1", "g-a");
        store.saveLink(user, a);
        store.saveLink(user, link("18x2", "g-b"));

        store.removeLink(user, a);

        assertThat(store.links(user, HashSet.of(ExternalId.of("18x1")), HashSet.of(ExternalId.of("g-a")))).isEmpty();
        assertThat(store.linkCount(user)).isEqualTo(1);
    }

    @Test
    void the_retry_list_comes_back_as_saved() {
        SyncStateStore store = store();
        UserId user = newUser();
        var pending = HashSet.of(new ItemRef(Side.CRM, ExternalId.of("18x7")), new ItemRef(Side.GOOGLE, ExternalId.of("primary/abc")));

        store.savePending(user, pending);

        assertThat(store.pending(user)).isEqualTo(pending);
        store.savePending(user, HashSet.empty());
        assertThat(store.pending(user)).isEmpty();
    }

    @Test
    void the_applied_scope_comes_back_as_saved_and_is_replaced() {
        SyncStateStore store = store();
        UserId user = newUser();
        SyncSettings settings = SyncSettings.defaults(ZoneId.of("Europe/Rome")).withGoogleCalendars(List.of("primary", "team@group.calendar.google.com"));
        AppliedScope first = AppliedScope.of(settings, java.time.Instant.parse("2026-03-27T23:30:00Z"));
        AppliedScope later = AppliedScope.of(settings.with(SyncDirection.CRM_TO_GOOGLE), java.time.Instant.parse("2026-04-02T09:00:00Z"));

        assertThat(store.appliedScope(user).isEmpty()).isTrue();
        store.saveAppliedScope(user, first);
        assertThat(store.appliedScope(user).get()).isEqualTo(first);
        assertThat(first.horizonEnd()).isEqualTo(java.time.LocalDate.of(2027, 3, 28));   // already the 28th in Rome
        store.saveAppliedScope(user, later);

        assertThat(store.appliedScope(user).get()).isEqualTo(later);
        assertThat(store.appliedScope(newUser()).isEmpty()).isTrue();
    }

    @Test
    void a_held_deletion_comes_back_as_held_replaces_the_earlier_one_and_is_released() {
        SyncStateStore store = store();
        UserId user = newUser();
        UserId other = newUser();
        java.time.Instant at = java.time.Instant.parse("2030-01-01T08:00:00.123Z");
        HeldDeletion first = new HeldDeletion(user, at, "the plan deletes 20 of 21 linked items, more than the allowed share of 50%",
                List.of(new HeldDeletion.Item(Side.GOOGLE, ExternalId.of("primary/ev1"), ExternalId.of("18x1"), io.vavr.control.Option.some("Visit \"Rossi\" – café")),
                        new HeldDeletion.Item(Side.CRM, ExternalId.of("18x2"), ExternalId.of("primary/ev2"), io.vavr.control.Option.none())));
        HeldDeletion second = new HeldDeletion(user, at.plusSeconds(60), "grew",
                List.of(new HeldDeletion.Item(Side.GOOGLE, ExternalId.of("primary/ev3"), ExternalId.of("18x3"), io.vavr.control.Option.none())));

        assertThat(store.heldDeletion(user)).isEmpty();
        store.holdDeletion(first);
        store.holdDeletion(new HeldDeletion(other, at, "someone else's", second.items()));

        assertThat(store.heldDeletion(user)).contains(first);
        store.holdDeletion(second);
        assertThat(store.heldDeletion(user)).contains(second);
        store.releaseHeldDeletion(user);
        assertThat(store.heldDeletion(user)).isEmpty();
        assertThat(store.heldDeletion(other).map(HeldDeletion::reason)).contains("someone else's");
        store.releaseHeldDeletion(user);   // releasing nothing is fine
    }
}
