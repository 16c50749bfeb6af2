package dev.gsync.bench;

import dev.gsync.core.run.RunReport;
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
 * A whole SyncRun (read both feeds, plan, write through the ports, save links and cursors) over the in-memory
 * calendars and state store. Each measurement is one run, so the score is milliseconds per run; divide the events
 * by it for events per second (docs/benchmarks.md does). The in-memory adapters' own costs are included.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// -Xbatch: the benchmark thread waits for each JIT compilation, so warm-up ends after a number of calls, not
// whenever a starved compiler thread gets a core on a busy machine (steady-state code is the same)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xbatch"})
public class SyncRunBenchmark {

    /** Calendars that were never synced: every item is created on the other side. */
    @State(Scope.Thread)
    public static class NeverSynced {
        @Param("10000")
        public int events;

        TwoCalendars calendars;

        @Setup(Level.Invocation)
        public void fillBothCalendars() {
            CpuTimeProfiler.untimed(() -> calendars = new TwoCalendars(events));
        }
    }

    /**
     * Calendars in steady state: synced, the echoes of gsync's own writes already read back, and before each run
     * 1% of the items changed on each side.
     */
    @State(Scope.Thread)
    public static class InStep {
        @Param("10000")
        public int events;

        TwoCalendars calendars;

        @Setup(Level.Trial)
        public void syncOnce() {
            calendars = new TwoCalendars(events);
            requireCompleted(calendars.sync());
            requireCompleted(calendars.sync());
        }

        @Setup(Level.Invocation)
        public void changeOnePercent() {
            CpuTimeProfiler.untimed(calendars::changeOnePercent);
        }
    }

    @Benchmark
    public RunReport initialSync(NeverSynced state) {
        return state.calendars.sync();
    }

    @Benchmark
    public RunReport incrementalSync(InStep state) {
        return state.calendars.sync();
    }

    static void requireCompleted(RunReport report) {
        if (!report.succeeded()) throw new IllegalStateException("the sync did not complete:\n" + report.summary());
    }
}
