package dev.gsync.bench;

import dev.gsync.core.plan.LinkIndex;
import dev.gsync.core.plan.Planner;
import dev.gsync.core.plan.SyncPlan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How long planning one incremental run takes (see {@link PlannerWorkload} for the mix of changes). The four
 * combinations of {@code links} and {@code changes} show what the cost follows: at fixed changes it should not
 * grow with the links, at fixed links it should grow with the changes.
 * <ul>
 *   <li>{@link #planWithAllLinks}: the planner alone, handed an index of every link of the user.</li>
 *   <li>{@link #indexTouchedLinksAndPlan}: what SyncRun does in production: index only the links the changes touch
 *       (the state store looked them up by id), then plan.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)      // long enough for the JIT on a busy 2-core machine: 1 s left it half-compiled
@Measurement(iterations = 5, time = 2)
// -Xbatch: the benchmark thread waits for each JIT compilation, so warm-up ends after a number of calls, not
// whenever a starved compiler thread gets a core on a busy machine (steady-state code is the same)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xbatch"})
public class PlannerBenchmark {

    @Param({"10000", "100000"})
    public int links;

    /** Changes reported by EACH side. */
    @Param({"100", "1000"})
    public int changes;

    PlannerWorkload workload;

    @Setup(Level.Trial)
    public void buildLinksAndChanges() {
        workload = new PlannerWorkload(links, changes);
    }

    @Benchmark
    public SyncPlan planWithAllLinks() {
        return new Planner(workload.settings, workload.capabilities, Items.NOW)
                .plan(workload.crmChanges, workload.googleChanges, workload.allLinks);
    }

    @Benchmark
    public SyncPlan indexTouchedLinksAndPlan() {
        return new Planner(workload.settings, workload.capabilities, Items.NOW)
                .plan(workload.crmChanges, workload.googleChanges, LinkIndex.of(workload.touchedLinks));
    }
}
