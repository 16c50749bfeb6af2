package dev.gsync.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU time per operation. On a shared machine the wall-clock score mostly measures how long we waited for a core;
 * CPU time stays close to what the work costs. Two figures:
 * <ul>
 *   <li>{@code cpu.worker}: the JMH worker thread(s) only, i.e. the benchmark code itself;</li>
 *   <li>{@code cpu.process}: every thread of the benchmark JVM (adds GC, JIT compilation, JMH's own threads).</li>
 * </ul>
 * Use with {@code -prof dev.gsync.bench.CpuTimeProfiler}. It brackets whole iterations, so a per-invocation
 * {@code @Setup} must run its work through {@link #untimed} to be left out (its thread's CPU time is subtracted
 * from both figures; GC it causes on other threads still counts towards cpu.process).
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AtomicLong untimedNanos = new AtomicLong();

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long processStart;
    private Map<Long, Long> workerStart = new HashMap<>();

    /** Runs setup work whose CPU time must not count towards the measured operation. */
    public static void untimed(Runnable setup) {
        long before = THREADS.getCurrentThreadCpuTime();
        setup.run();
        untimedNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - before);
    }

    @Override
    public String getDescription() {
        return "CPU time per operation: benchmark worker threads, and the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        untimedNanos.set(0);
        workerStart = workerCpu();
        processStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long process = os.getProcessCpuTime() - processStart;
        long worker = 0;
        for (Map.Entry<Long, Long> now : workerCpu().entrySet())
            worker += now.getValue() - workerStart.getOrDefault(now.getKey(), 0L);
        long untimed = untimedNanos.get();
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                new ScalarResult("cpu.worker", (worker - untimed) / 1e6 / ops, "ms/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process", (process - untimed) / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }

    /** CPU time so far of each live JMH worker thread, by thread id. */
    private static Map<Long, Long> workerCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().contains("jmh-worker")) continue;
            long nanos = THREADS.getThreadCpuTime(t.getId());
            if (nanos >= 0) cpu.put(t.getId(), nanos);
        }
        return cpu;
    }
}
