package dev.gsync.state;

import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Fingerprints;
import dev.gsync.core.model.Horizon;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.Link;
import dev.gsync.core.model.PrivateEvents;
import dev.gsync.core.model.PrivateLanding;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.model.Version;
import dev.gsync.core.port.Cursor;
import dev.gsync.core.port.ItemRef;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sync state on a real database; subclasses pick which. One store per class, a fresh user per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SyncStateStoreChecks {
    private final AtomicInteger statements = new AtomicInteger();
    private StateConfig config;
    private StateDatabase db;
    private JpaSyncStateStore store;
    private UserId user;

    abstract TestDatabase database();

    @BeforeAll
    void open() {
        config = database().fresh();
        db = StateDatabase.open(config, session -> session.getEventManager().addListener(new SessionEventAdapter() {
            @Override
            public void preExecuteCall(SessionEvent event) {
                statements.incrementAndGet();
            }
        }));
        store = new JpaSyncStateStore(db, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @BeforeEach
    void newUser() {
        user = UserId.of("user-" + UUID.randomUUID());
    }

    // --- settings

    @Test
    void settings_come_back_as_saved() {
        SyncSettings unusual = SyncSettings.defaults(ZoneId.of("Europe/Berlin"))
                .with(SyncDirection.CRM_TO_GOOGLE).with(ConflictPolicy.MOST_RECENT_WINS).with(PrivateEvents.ONLY_TO_CRM)
                .with(PrivateLanding.PRIVATE).with(new HourWindow(LocalTime.of(22, 0), LocalTime.of(6, 30)))
                .withAllDayInScope(false).with(new Horizon(7, 60)).withKinds(HashSet.of(ItemKind.TASK))
                .withGoogleCalendars(List.of("work@group.calendar.google.com", "primary")).withMaxDeleteShare(0.25);

        store.saveSettings(user, unusual);

        assertThat(store.settings(user).get()).isEqualTo(unusual);
    }

    @Test
    void settings_are_absent_until_saved_and_the_latest_save_wins() {
        assertThat(store.settings(user).isEmpty()).isTrue();

        store.saveSettings(user, SyncSettings.defaults());
        store.saveSettings(user, SyncSettings.defaults().with(SyncDirection.GOOGLE_TO_CRM));

        assertThat(store.settings(user).get().direction()).isEqualTo(SyncDirection.GOOGLE_TO_CRM);
    }

    @Test
    void invalid_settings_are_refused_and_the_stored_ones_kept() {
        store.saveSettings(user, SyncSettings.defaults());

        assertThatThrownBy(() -> store.saveSettings(user, SyncSettings.defaults().withKinds(HashSet.empty())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kinds");

        assertThat(store.settings(user).get()).isEqualTo(SyncSettings.defaults());
    }

    @Test
    void a_damaged_settings_row_is_reported_with_the_user_and_the_problem() throws Exception {
        store.saveSettings(user, SyncSettings.defaults());
        try (Connection c = TestDatabase.connect(config);
             PreparedStatement st = c.prepareStatement("update t_settings set body = replace(body, 'BIDIRECTIONAL', 'SIDEWAYS') where user_id = ?")) {
            st.setString(1, user.value());
            assertThat(st.executeUpdate()).isEqualTo(1);
        }

        assertThatThrownBy(() -> store.settings(user))
                .isInstanceOf(StoredStateException.class)
                .hasMessageContaining(user.value()).hasMessageContaining("direction").hasMessageContaining("SIDEWAYS");
    }

    // --- cursors

    @Test
    void each_side_keeps_its_own_cursor() {
        String longToken = "x".repeat(100_000);   // a set of Google sync tokens can be long

        store.saveCursor(user, Side.CRM, new Cursor("2026-11-25T10:00:00Z#42"));
        store.saveCursor(user, Side.GOOGLE, new Cursor(longToken));
        store.saveCursor(user, Side.CRM, new Cursor("2026-11-25T11:00:00Z#43"));

        assertThat(store.cursor(user, Side.CRM).get()).isEqualTo(new Cursor("2026-11-25T11:00:00Z#43"));
        assertThat(store.cursor(user, Side.GOOGLE).get()).isEqualTo(new Cursor(longToken));
        assertThat(store.cursor(UserId.of("someone-else-" + UUID.randomUUID()), Side.CRM).isEmpty()).isTrue();
    }

    @Test
    void the_start_cursor_is_stored_as_such() {
        store.saveCursor(user, Side.GOOGLE, new Cursor("token"));

        store.saveCursor(user, Side.GOOGLE, Cursor.START);

        assertThat(store.cursor(user, Side.GOOGLE).get().isStart()).isTrue();
    }

    // --- links

    @Test
    void a_link_comes_back_with_every_field() {
        Link link = new Link(ItemKind.TASK, Side.GOOGLE, ExternalId.of("9x1234"), ExternalId.of("tasks:list1/abcDEF"),
                Version.of("2026-11-25 10:00:00"), Version.of(""), Links.fingerprints("0123456789abcdef", "fedcba9876543210"),
                Fingerprints.NONE);

        store.saveLink(user, link);

        assertThat(store.allLinks(user)).containsExactly(link);
        assertThat(store.links(user, HashSet.of(link.crmId()), HashSet.empty())).containsExactly(link);
        assertThat(store.links(user, HashSet.empty(), HashSet.of(link.googleId()))).containsExactly(link);
    }

    @Test
    void saving_a_link_replaces_the_one_with_the_same_crm_id() {
        store.saveLink(user, Links.between("c1", "g1"));

        store.saveLink(user, Links.between("c1", "g2"));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c1", "g2"));
    }

    @Test
    void saving_a_link_replaces_the_one_with_the_same_google_id() {
        store.saveLink(user, Links.between("c1", "g1"));

        store.saveLink(user, Links.between("c2", "g1"));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c2", "g1"));
    }

    @Test
    void a_link_joining_two_linked_items_replaces_both_their_links() {
        store.saveLink(user, Links.between("c1", "g1"));
        store.saveLink(user, Links.between("c2", "g2"));
        store.saveLink(user, Links.between("c3", "g3"));

        store.saveLink(user, Links.between("c1", "g2"));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c1", "g2"), Links.between("c3", "g3"));
        assertThat(store.linkCount(user)).isEqualTo(2);
    }

    @Test
    void saving_the_same_link_again_updates_it_in_place() {
        Link first = Links.between("c1", "g1");
        Link later = first.with(Side.GOOGLE, first.googleId(), Version.of("\"etag-2\""), Links.fingerprints("1111111111111111", "2222222222222222"));

        store.saveLink(user, first);
        store.saveLink(user, later);

        assertThat(store.allLinks(user)).containsExactly(later);
    }

    @Test
    void ids_are_case_and_space_sensitive() {
        store.saveLink(user, Links.between("abc", "g1"));
        store.saveLink(user, Links.between("ABC", "g2"));
        store.saveLink(user, Links.between("abc ", "g3"));

        assertThat(store.linkCount(user)).isEqualTo(3);
        assertThat(store.links(user, HashSet.of(ExternalId.of("ABC")), HashSet.empty())).containsExactly(Links.between("ABC", "g2"));
    }

    @Test
    void links_belong_to_their_user() {
        UserId other = UserId.of("other-" + UUID.randomUUID());
        store.saveLink(user, Links.between("c1", "g1"));

        store.saveLink(other, Links.between("c1", "g1"));
        store.saveLink(other, Links.between("c2", "g2"));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c1", "g1"));
        assertThat(store.linkCount(other)).isEqualTo(2);
        assertThat(store.links(user, HashSet.of(ExternalId.of("c2")), HashSet.of(ExternalId.of("g2")))).isEmpty();
    }

    @Test
    void removing_a_link_leaves_the_others() {
        store.saveLink(user, Links.between("c1", "g1"));
        store.saveLink(user, Links.between("c2", "g2"));

        store.removeLink(user, Links.between("c1", "g1"));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c2", "g2"));
    }

    @Test
    void removing_a_link_that_was_replaced_keeps_its_replacement() {
        store.saveLink(user, Links.between("c1", "g1"));
        store.saveLink(user, Links.between("c1", "g9"));

        store.removeLink(user, Links.between("c1", "g1"));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c1", "g9"));
    }

    @Test
    void a_thousand_ids_are_looked_up_in_a_few_indexed_queries() throws Exception {
        store.saveLinks(user, List.range(0, 1200).map(i -> Links.between("c" + i, "g" + i)));
        Set<ExternalId> crmIds = HashSet.ofAll(List.range(600, 1600).map(i -> ExternalId.of("c" + i)));      // 600 known
        Set<ExternalId> googleIds = HashSet.ofAll(List.range(0, 1000).map(i -> ExternalId.of("g" + i)));     // 1000 known

        statements.set(0);
        Seq<Link> found = store.links(user, crmIds, googleIds);
        int queries = statements.get();

        assertThat(found.map(l -> l.crmId().value()).sorted())
                .containsExactlyElementsOf(List.range(0, 1200).map(i -> "c" + i).sorted());
        assertThat(queries).isLessThanOrEqualTo(4);
        try (Connection c = TestDatabase.connect(config)) {
            // the keys can seek ids; for a large share of a user's links MariaDB rightly prefers reading the user's rows
            UserId other = UserId.of("other-" + UUID.randomUUID());
            store.saveLinks(other, List.range(0, 1200).map(i -> Links.between("x" + i, "y" + i)));
            String ids = List.range(0, 20).map(i -> "'c" + i + "'").mkString(",");
            assertThat(database().idSeek(c, "select * from t_link where user_id = '" + user + "' and crm_id in (" + ids + ")")).isEqualTo("seeks ids");
            assertThat(database().idSeek(c, "select * from t_link where user_id = '" + user + "' and google_id in (" + ids.replace('c', 'g') + ")")).isEqualTo("seeks ids");
        }
    }

    @Test
    void links_saved_together_follow_the_replace_rule_in_order() {
        store.saveLink(user, Links.between("c0", "g0"));

        store.saveLinks(user, List.of(Links.between("c1", "g1"), Links.between("c2", "g2"), Links.between("c1", "g0")));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c1", "g0"), Links.between("c2", "g2"));
    }

    @Test
    void links_saved_together_replace_the_stored_links_of_their_ids() {
        store.saveLinks(user, List.of(Links.between("c1", "g1"), Links.between("c2", "g2"), Links.between("c3", "g3")));

        store.saveLinks(user, List.of(Links.between("c1", "g2"), Links.between("c4", "g3")));

        assertThat(store.allLinks(user)).containsExactly(Links.between("c1", "g2"), Links.between("c4", "g3"));
    }

    @Test
    void an_id_too_long_for_the_table_is_refused_before_the_database() {
        Link link = Links.between("c".repeat(513), "g1");

        assertThatThrownBy(() -> store.saveLink(user, link)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
        assertThat(store.linkCount(user)).isZero();
    }

    // --- pending retries

    @Test
    void pending_items_are_replaced_as_a_set() {
        assertThat(store.pending(user)).isEmpty();
        Set<ItemRef> first = HashSet.of(new ItemRef(Side.CRM, ExternalId.of("c1")), new ItemRef(Side.GOOGLE, ExternalId.of("c1")),
                new ItemRef(Side.GOOGLE, ExternalId.of("g2")));

        store.savePending(user, first);
        assertThat(store.pending(user)).isEqualTo(first);

        store.savePending(user, HashSet.of(new ItemRef(Side.CRM, ExternalId.of("c7"))));
        assertThat(store.pending(user)).isEqualTo(HashSet.of(new ItemRef(Side.CRM, ExternalId.of("c7"))));

        store.savePending(user, HashSet.empty());
        assertThat(store.pending(user)).isEmpty();
    }

    // --- users

    @Test
    void users_are_those_with_settings() {
        UserId withCursorOnly = UserId.of("cursor-" + UUID.randomUUID());
        store.saveSettings(user, SyncSettings.defaults());
        store.saveCursor(withCursorOnly, Side.CRM, new Cursor("1"));

        assertThat(store.users()).contains(user).doesNotContain(withCursorOnly);
        assertThat(store.users().toJavaList()).isSorted().doesNotHaveDuplicates();
    }

    // --- concurrency

    @Test
    void concurrent_link_saves_of_one_user_never_leave_an_id_linked_twice() throws Exception {
        int threads = 6;
        int items = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // every thread pairs the same ids differently, so each save replaces links the others just wrote
            List<Future<Integer>> done = List.range(0, threads).map(t -> pool.submit((Callable<Integer>) () -> {
                for (int i = 0; i < items; i++) store.saveLink(user, Links.between("c" + i, "g" + ((i + t) % items)));
                return items;
            }));
            for (Future<Integer> f : done) assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(items);
        } finally {
            pool.shutdownNow();
        }

        Seq<Link> links = store.allLinks(user);
        assertThat(links.map(Link::crmId)).doesNotHaveDuplicates();
        assertThat(links.map(Link::googleId)).doesNotHaveDuplicates();
        assertThat(links.size()).isBetween(1, items);
        assertThat(store.linkCount(user)).isEqualTo(links.size());
    }

    @Test
    void two_runners_on_one_database_saving_the_same_links_never_link_an_id_twice() throws Exception {
        int items = 30;
        try (StateDatabase secondRunner = StateDatabase.open(config)) {
            List<JpaSyncStateStore> runners = List.of(store, new JpaSyncStateStore(secondRunner, Clock.systemUTC()));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> done = List.range(0, 4).map(t -> pool.submit((Callable<Integer>) () -> {
                    JpaSyncStateStore runner = runners.get(t % 2);
                    for (int i = 0; i < items; i++) {
                        runner.saveLinks(user, List.of(Links.between("c" + i, "g" + ((i + t) % items)),
                                Links.between("c" + (items + i), "g" + (items + i))));
                    }
                    return items;
                }));
                for (Future<Integer> f : done) assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(items);
            } finally {
                pool.shutdownNow();
            }
        }

        Seq<Link> links = store.allLinks(user);
        assertThat(links.map(Link::crmId)).doesNotHaveDuplicates();
        assertThat(links.map(Link::googleId)).doesNotHaveDuplicates();
        // the links no other save competes for all survive
        assertThat(store.links(user, HashSet.ofAll(List.range(items, 2 * items).map(i -> ExternalId.of("c" + i))), HashSet.empty()))
                .hasSize(items);
        assertThat(store.linkCount(user)).isEqualTo(links.size());
    }

    @Test
    void users_synced_in_parallel_keep_all_their_state() throws Exception {
        int threads = 6;
        List<UserId> users = List.range(0, threads).map(i -> UserId.of(user + "-" + i));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<UserId>> done = users.map(u -> pool.submit(() -> {
                store.saveSettings(u, SyncSettings.defaults());
                for (int i = 0; i < 30; i++) {
                    store.saveLink(u, Links.between("c" + i, "g" + i));
                    store.saveCursor(u, Side.GOOGLE, new Cursor("token-" + i));
                    store.savePending(u, HashSet.of(new ItemRef(Side.CRM, ExternalId.of("c" + i))));
                }
                return u;
            }));
            for (Future<UserId> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        for (UserId u : users) {
            assertThat(store.linkCount(u)).isEqualTo(30);
            assertThat(store.cursor(u, Side.GOOGLE).get()).isEqualTo(new Cursor("token-29"));
            assertThat(store.pending(u)).isEqualTo(HashSet.of(new ItemRef(Side.CRM, ExternalId.of("c29"))));
            assertThat(store.settings(u).get()).isEqualTo(SyncSettings.defaults());
        }
    }

    @Test
    void two_stores_on_one_database_see_each_others_writes_at_once() {
        try (StateDatabase second = StateDatabase.open(config)) {
            JpaSyncStateStore other = new JpaSyncStateStore(second, Clock.systemUTC());
            assertThat(other.allLinks(user)).isEmpty();   // read first: a cache would now hold the empty answer

            store.saveLink(user, Links.between("c1", "g1"));
            store.saveCursor(user, Side.CRM, new Cursor("42"));

            assertThat(other.allLinks(user)).containsExactly(Links.between("c1", "g1"));
            assertThat(other.cursor(user, Side.CRM).get()).isEqualTo(new Cursor("42"));
            other.saveCursor(user, Side.CRM, new Cursor("43"));
            assertThat(store.cursor(user, Side.CRM).get()).isEqualTo(new Cursor("43"));
        }
    }
}
