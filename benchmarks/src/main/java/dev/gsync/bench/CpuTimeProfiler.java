package dev.gsync.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * CPU time the benchmark JVM used per operation, all its threads together (the benchmark thread, GC, JIT).
 * On a shared machine the wall-clock score mostly measures how long we waited for a core; this stays close to
 * what the work costs. Use with {@code -prof dev.gsync.bench.CpuTimeProfiler}. It brackets whole iterations, so
 * for benchmarks with a per-invocation setup the setup's CPU time is counted too.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startNanos;

    @Override
    public String getDescription() {
        return "process CPU time per operation (all JVM threads)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        startNanos = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long used = os.getProcessCpuTime() - startNanos;
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(new ScalarResult("cpu", used / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }
}
