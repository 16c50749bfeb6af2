package dev.gsync.bench;

import dev.gsync.core.model.Side;
import dev.gsync.core.plan.SyncAction;
import dev.gsync.core.plan.SyncPlan;
import dev.gsync.core.run.RunOptions;
import dev.gsync.core.run.RunReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each benchmark method once, small and untimed: proves the benchmarks still build, run and do the work they claim. */
class BenchmarksRunOnceTest {

    @Test
    void the_planner_benchmarks_plan_every_kind_of_change_and_agree_with_each_other() {
        PlannerBenchmark benchmark = new PlannerBenchmark();
        benchmark.links = 2_000;
        benchmark.changes = 100;
        benchmark.buildLinksAndChanges();

        SyncPlan withAllLinks = benchmark.planWithAllLinks();
        SyncPlan withTouchedLinks = benchmark.indexTouchedLinksAndPlan();

        // per side: 5 new, 5 deleted, 10 echoes, 60 edits; 20 pairs changed on both sides (10 conflicts, 5 merges,
        // 5 delete vs. edit): 20 + 2 * 75 pairs touched
        assertThat(withAllLinks.actions()).isNotEmpty();
        assertThat(withAllLinks.actions().count(a -> a instanceof SyncAction.Create)).isEqualTo(10);
        assertThat(withAllLinks.deletes()).isEqualTo(15);
        assertThat(withAllLinks.actions().count(a -> a instanceof SyncAction.Update)).isEqualTo(135);
        assertThat(withAllLinks.actions().count(a -> a instanceof SyncAction.Update u && !u.conflicts().isEmpty())).isEqualTo(10);
        assertThat(withAllLinks.actions().count(a -> a instanceof SyncAction.Delete d && !d.conflicts().isEmpty())).isEqualTo(5);
        assertThat(benchmark.workload.touchedLinks.size()).isEqualTo(170);
        assertThat(withTouchedLinks).isEqualTo(withAllLinks);
    }

    @Test
    void the_initial_sync_benchmark_copies_every_item_to_the_other_side() {
        SyncRunBenchmark.NeverSynced state = new SyncRunBenchmark.NeverSynced();
        state.events = 1_000;
        state.fillBothCalendars();

        RunReport report = new SyncRunBenchmark().initialSync(state);

        assertThat(report.succeeded()).as(report::summary).isTrue();
        assertThat(report.counts(Side.GOOGLE).created()).isEqualTo(500);
        assertThat(report.counts(Side.CRM).created()).isEqualTo(500);
        assertThat(state.calendars.crm.items().size()).isEqualTo(1_000);
        assertThat(state.calendars.google.items().size()).isEqualTo(1_000);
    }

    @Test
    void the_incremental_sync_benchmark_carries_one_percent_of_changes_and_converges() {
        SyncRunBenchmark.InStep state = new SyncRunBenchmark.InStep();
        state.events = 2_000;
        state.syncOnce();
        state.changeOnePercent();

        RunReport report = new SyncRunBenchmark().incrementalSync(state);

        // 20 changes per side: 1 new, 1 deleted, 14 edits, 4 on pairs changed on both sides
        assertThat(report.succeeded()).as(report::summary).isTrue();
        assertThat(report.counts(Side.GOOGLE).created() + report.counts(Side.CRM).created()).isEqualTo(2);
        assertThat(report.counts(Side.GOOGLE).deleted() + report.counts(Side.CRM).deleted()).isEqualTo(3);
        assertThat(report.counts(Side.GOOGLE).conflicts()).isPositive();
        assertThat(state.calendars.crm.items().size()).isEqualTo(state.calendars.google.items().size());
        RunReport next = state.calendars.syncRun().run(state.calendars.user, state.calendars.settings, RunOptions.DEFAULT.withDryRun(true));
        assertThat(next.plan().get().writes()).as(() -> next.plan().get().describe()).isEmpty();
    }
}
