package dev.gsync.state;

import dev.gsync.core.model.Side;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.Cursor;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway migrations: on an empty database, again on an up-to-date one, and beside other tables and prefixes. */
abstract class MigrationChecks {
    static final String[] STATE_TABLES = {"settings", "cursor", "link", "pending", "credential", "user_status", "run", "held_deletion", "applied_scope", "schema_history"};
    private static final UserId ANN = UserId.of("ann");

    abstract TestDatabase database();

    @Test
    void the_migrations_create_every_table_under_the_prefix_in_an_empty_database() throws Exception {
        StateConfig config = database().fresh().withTablePrefix("gsync_");
        assertThat(Tables.names(config)).isEmpty();

        try (StateDatabase db = StateDatabase.open(config)) {
            assertThat(db.migrationsApplied()).isEqualTo(5);
        }

        assertThat(Tables.names(config)).containsExactlyInAnyOrderElementsOf(io.vavr.collection.List.of(STATE_TABLES).map(t -> "gsync_" + t));
        assertThat(Tables.count(config, "select count(*) from " + database().quoted("gsync_schema_history") + " where " + database().quoted("success") + " = true and " + database().quoted("version") + " in ('1', '2', '3', '4', '5')")).isEqualTo(5);
    }

    @Test
    void migrating_again_changes_nothing_and_keeps_the_data() throws Exception {
        StateConfig config = database().fresh();
        try (StateDatabase db = StateDatabase.open(config)) {
            new JpaSyncStateStore(db, Clock.systemUTC()).saveCursor(ANN, Side.CRM, new Cursor("kept"));
        }
        long history = Tables.count(config, "select count(*) from " + database().quoted("t_schema_history"));

        try (StateDatabase again = StateDatabase.open(config)) {
            assertThat(again.migrationsApplied()).isZero();
            assertThat(new JpaSyncStateStore(again, Clock.systemUTC()).cursor(ANN, Side.CRM).get()).isEqualTo(new Cursor("kept"));
        }
        assertThat(Tables.count(config, "select count(*) from " + database().quoted("t_schema_history"))).isEqualTo(history);
    }

    @Test
    void a_first_migration_killed_after_some_of_its_tables_is_run_again_from_the_start() throws Exception {
        StateConfig config = database().fresh();
        // the process died inside V1: two of its tables exist (DDL commits one by one), no history says so
        Tables.update(config, "create table t_settings (user_id varchar(128) not null primary key, body varchar(4000) not null, updated_at bigint not null)");
        Tables.update(config, "create table t_cursor (user_id varchar(128) not null, side varchar(8) not null, primary key (user_id, side))");

        try (StateDatabase db = StateDatabase.open(config)) {
            assertThat(db.migrationsApplied()).isEqualTo(5);
            new JpaSyncStateStore(db, Clock.systemUTC()).saveCursor(ANN, Side.CRM, new Cursor("after"));
        }
        assertThat(Tables.names(config)).contains("t_cursor", "t_applied_scope");
    }

    @Test
    void a_table_rebuild_killed_after_dropping_the_old_table_keeps_the_copied_rows() throws Exception {
        StateConfig config = database().fresh();
        StateDatabase.migrateTo(config, "1");
        Tables.update(config, "insert into t_link (user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base)"
                + " values ('ann', '18x1', 'primary/abc', 'EVENT', 'CRM', 'v1', 'e1', 'TITLE=0123456789abcdef', '')");
        // V2 had created t_link_v2, copied the rows and dropped t_link when the process died
        Tables.update(config, "create table t_link_v2 as select * from t_link");
        Tables.update(config, "drop table t_link");

        try (StateDatabase db = StateDatabase.open(config)) {
            assertThat(db.migrationsApplied()).isEqualTo(4);
            assertThat(new JpaSyncStateStore(db, Clock.systemUTC()).allLinks(ANN)).hasSize(1);
        }
        assertThat(Tables.names(config)).doesNotContain("t_link_v2");
    }

    @Test
    void a_table_rebuild_killed_after_its_rename_is_run_again_keeping_the_rows() throws Exception {
        StateConfig config = database().fresh();
        StateDatabase.migrateTo(config, "1");
        Tables.update(config, "insert into t_link (user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base)"
                + " values ('ann', '18x1', 'primary/abc', 'EVENT', 'CRM', 'v1', 'e1', 'TITLE=0123456789abcdef', '')");
        // V2 had rebuilt t_link completely (new keys, its named constraint) when the process died: seen by StateStoreKillTest
        Tables.update(config, "create table t_link_v2 (user_id varchar(128) not null, crm_id varchar(512) not null, google_id varchar(512) not null,"
                + " kind varchar(8) not null, origin varchar(8) not null, crm_version varchar(1024) not null, google_version varchar(1024) not null,"
                + " crm_base varchar(2000) not null, google_base varchar(2000) not null, primary key (crm_id, user_id),"
                + " constraint t_link_google_key unique (google_id, user_id))");
        Tables.update(config, "insert into t_link_v2 select user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base from t_link");
        Tables.update(config, "drop table t_link");
        Tables.update(config, "alter table t_link_v2 rename to t_link");

        try (StateDatabase db = StateDatabase.open(config)) {
            assertThat(db.migrationsApplied()).isEqualTo(4);   // V2 to V5
            assertThat(new JpaSyncStateStore(db, Clock.systemUTC()).allLinks(ANN)).hasSize(1);
        }
    }

    @Test
    void a_table_rebuild_killed_before_dropping_the_old_table_starts_again() throws Exception {
        StateConfig config = database().fresh();
        StateDatabase.migrateTo(config, "3");
        Tables.update(config, "create table t_applied_scope (user_id varchar(128) not null primary key)");   // half of V4
        StateConfig v1 = database().fresh();
        StateDatabase.migrateTo(v1, "1");
        Tables.update(v1, "insert into t_settings (user_id, body, updated_at) values ('ann', 'x', 0)");
        Tables.update(v1, "create table t_settings_v2 as select * from t_settings");   // V2 stopped after its copy

        try (StateDatabase db = StateDatabase.open(config); StateDatabase other = StateDatabase.open(v1)) {
            assertThat(db.migrationsApplied()).isEqualTo(2);   // V4 again and V5
            assertThat(other.migrationsApplied()).isEqualTo(4);
        }
        assertThat(Tables.count(v1, "select count(*) from t_settings")).isEqualTo(1);
    }

    @Test
    void a_database_left_at_version_1_is_upgraded_with_its_links_and_settings() throws Exception {
        StateConfig config = database().fresh();
        StateDatabase.migrateTo(config, "1");
        Tables.update(config, "insert into t_link (user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base)"
                + " values ('ann', '18x1', 'primary/abc', 'EVENT', 'CRM', 'v1', 'e1', 'TITLE=0123456789abcdef', '')");
        Tables.update(config, "insert into t_settings (user_id, body, updated_at) values ('ann', ?, 0)",
                SettingsText.write(SyncSettings.defaults().with(SyncDirection.CRM_TO_GOOGLE)));

        try (StateDatabase db = StateDatabase.open(config)) {
            assertThat(db.migrationsApplied()).isEqualTo(4);   // V2, V3, V4 and V5
            JpaSyncStateStore store = new JpaSyncStateStore(db, Clock.systemUTC());
            assertThat(store.allLinks(ANN)).hasSize(1);
            assertThat(store.allLinks(ANN).head().crmBase().encode()).isEqualTo("TITLE=0123456789abcdef");
            assertThat(store.settings(ANN).get().direction()).isEqualTo(SyncDirection.CRM_TO_GOOGLE);
            store.saveLink(ANN, Links.between("18x2", "primary/abc"));   // the Google key still holds after the rebuild
            assertThat(store.allLinks(ANN).map(l -> l.crmId().value())).containsExactly("18x2");
        }
        assertThat(Tables.names(config)).containsExactlyInAnyOrderElementsOf(io.vavr.collection.List.of(STATE_TABLES).map(t -> "t_" + t));
    }

    @Test
    void links_to_google_tasks_lose_the_task_list_from_their_id_and_nothing_else_changes() throws Exception {
        StateConfig config = database().fresh();
        StateDatabase.migrateTo(config, "4");
        String insert = "insert into t_link (user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base) values ";
        Tables.update(config, insert + "('ann', '18x1', 'task/MTIzNDU2Nzg5/t-abc', 'TASK', 'GOOGLE', 'v1', 'e1', '', '')");
        Tables.update(config, insert + "('ann', '18x2', 'task/%40default/t-def', 'TASK', 'CRM', 'v1', 'e2', '', '')");
        Tables.update(config, insert + "('ann', '18x3', 'event/primary/ev1', 'EVENT', 'CRM', 'v1', 'e3', '', '')");
        Tables.update(config, insert + "('ann', '18x4', 'task/t-new', 'TASK', 'CRM', 'v1', 'e4', '', '')");

        try (StateDatabase db = StateDatabase.open(config)) {
            assertThat(db.migrationsApplied()).isEqualTo(1);
            assertThat(new JpaSyncStateStore(db, Clock.systemUTC()).allLinks(ANN).map(l -> l.crmId().value() + "=" + l.googleId().value()))
                    .containsExactlyInAnyOrder("18x1=task/t-abc", "18x2=task/t-def", "18x3=event/primary/ev1", "18x4=task/t-new");
        }
    }

    @Test
    void two_prefixes_live_side_by_side_in_one_database() throws Exception {
        StateConfig first = database().fresh().withTablePrefix("one_");
        StateConfig second = first.withTablePrefix("two_");

        try (StateDatabase a = StateDatabase.open(first); StateDatabase b = StateDatabase.open(second)) {
            JpaSyncStateStore one = new JpaSyncStateStore(a, Clock.systemUTC());
            JpaSyncStateStore two = new JpaSyncStateStore(b, Clock.systemUTC());
            one.saveSettings(ANN, SyncSettings.defaults().with(SyncDirection.CRM_TO_GOOGLE));
            two.saveSettings(ANN, SyncSettings.defaults().with(SyncDirection.GOOGLE_TO_CRM));
            one.saveLink(ANN, Links.between("c1", "g1"));

            assertThat(one.settings(ANN).get().direction()).isEqualTo(SyncDirection.CRM_TO_GOOGLE);
            assertThat(two.settings(ANN).get().direction()).isEqualTo(SyncDirection.GOOGLE_TO_CRM);
            assertThat(one.linkCount(ANN)).isEqualTo(1);
            assertThat(two.linkCount(ANN)).isZero();
        }
        assertThat(Tables.names(first)).contains("one_link", "two_link", "one_schema_history", "two_schema_history");
        assertThat(Tables.count(first, "select count(*) from one_link")).isEqualTo(1);
        assertThat(Tables.count(first, "select count(*) from two_link")).isZero();
    }

    @Test
    void the_tables_can_join_a_database_that_already_holds_other_tables() throws Exception {
        StateConfig config = database().fresh().withTablePrefix("gsync_");
        try (Connection c = TestDatabase.connect(config); Statement st = c.createStatement()) {
            st.execute("create table vtiger_activity (activityid int primary key, subject varchar(100))");
            st.execute("insert into vtiger_activity values (1, 'Demo')");
        }

        try (StateDatabase db = StateDatabase.open(config)) {
            new JpaSyncStateStore(db, Clock.systemUTC()).saveCursor(ANN, Side.GOOGLE, new Cursor("t"));
        }

        assertThat(Tables.names(config)).contains("vtiger_activity", "gsync_cursor");
        assertThat(Tables.count(config, "select count(*) from vtiger_activity")).isEqualTo(1);
    }
}
