package dev.gsync.e2e;

import org.junit.jupiter.api.Test;

/**
 * Scenario 1 with the REST adapter: `kill -9` of `gsync sync` (crm.adapter=rest) at random points of an initial sync
 * that copies events and to-dos both ways, then runs to the end: no duplicate and no lost item on either side. The
 * CRM is the adapter's webservice fake (adapter-vtiger-rest's test-jar): a real webservice.php over HTTP on
 * 127.0.0.1, served from this JVM with its records in memory; only the gsync process is killed.
 * Small: 150 events + 10 to-dos, 3 kills (the copying takes about 2 s here, so early kills aim at the first 1.8 s:
 * start-up, migrations, login, first listing); large: 5,000 events + 200 to-dos, 50 kills.
 */
class KillDuringInitialSyncRestTest {
    @Test
    void kill_9_of_a_rest_configured_sync_at_random_points_then_run_to_the_end_leaves_no_duplicate_and_nothing_lost() throws Exception {
        Size size = Size.current();
        if (size.isSmall()) KillDuringInitialSyncTest.killsThenRunToTheEnd(Deployment.Crm.REST, 150, 10, 3, 1500);
        else KillDuringInitialSyncTest.killsThenRunToTheEnd(Deployment.Crm.REST, size.events(), size.tasks(), size.kills(), 4000);
    }
}
