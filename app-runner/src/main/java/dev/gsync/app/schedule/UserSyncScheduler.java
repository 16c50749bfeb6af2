package dev.gsync.app.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.gsync.app.GoogleClientSettings;
import dev.gsync.app.Outcome;
import dev.gsync.app.RunSummary;
import dev.gsync.app.UserSync;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.SyncStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Periodic per-user sync on db-scheduler, in the state database. Each user is one task instance
 * ({@code user-sync/<user>}); db-scheduler lets exactly one instance of the cluster pick an execution (row lock +
 * version), keeps a heartbeat while it runs, and revives it on another instance if that one dies. So any number of
 * runners can share the users, and a user is never synced by two of them at once.
 *
 * A user's failure only moves that user's next run: retryAfter, doubled per consecutive failure, capped at the
 * interval. A user who is not linked waits a full interval, and so does one with a held deletion (rule R12: the rest
 * was synced; it is not a failure). A user being synced by hand ({@code gsync sync}, the per-user
 * {@link dev.gsync.app.SyncLock}) is tried again after retryAfter. A discovery task adds users who appeared since.
 */
public final class UserSyncScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserSyncScheduler.class);
    static final String SYNC_TASK = "user-sync";
    /**
     * On stop, how long running syncs may go on before they are interrupted, and again after that: db-scheduler waits
     * twice this. Within `gsync serve`'s {@code CLOSE_WAIT} (decision D37); a sync cut short resumes at the next run.
     */
    public static final Duration STOP_WAIT = Duration.ofSeconds(45);
    static final String DISCOVERY_TASK = "user-discovery";

    private final Scheduler scheduler;
    private final CustomTask<String> syncTask;

    /** Cluster-wide recurring work besides syncing (one instance at a time runs it), e.g. push channel upkeep. */
    public record Maintenance(String name, Duration every, Runnable work) {}

    public UserSyncScheduler(DataSource dataSource, UserSync userSync, SyncStateStore store, String instanceName,
                             int threads, Duration interval, Duration retryAfter, Duration pollInterval) {
        this(dataSource, userSync, store, instanceName, threads, interval, retryAfter, pollInterval, SyncCadence.every(interval),
                java.util.List.of());
    }

    public UserSyncScheduler(DataSource dataSource, UserSync userSync, SyncStateStore store, String instanceName,
                             int threads, Duration interval, Duration retryAfter, Duration pollInterval, SyncCadence cadence,
                             java.util.List<Maintenance> maintenance) {
        this.syncTask = Tasks.custom(SYNC_TASK, String.class)
                .onFailure(new BackOff(retryAfter, interval))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    UserId user = UserId.of(instance.getData());
                    boolean busy = false;
                    if (cadence.fullSyncNow(user)) {
                        RunSummary run = userSync.sync(user, false);
                        if (run.outcome() == Outcome.FAILED) {
                            cadence.failed(user);
                            throw new UserSyncFailed(run.firstFailure());
                        }
                        // busy: a run by hand has the user; try again soon, without counting a failure.
                        // held: everything else was synced; the held deletion waits for the user, not for a retry.
                        busy = run.outcome() == Outcome.BUSY;
                    }
                    Duration next = busy ? retryAfter : cadence.untilNextCheck(user);
                    return (complete, operations) -> operations.reschedule(complete, Instant.now().plus(next));
                });
        RecurringTask<Void> discovery = Tasks.recurring(DISCOVERY_TASK, FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> scheduleNewUsers(store, context.getSchedulerClient()));
        java.util.List<RecurringTask<?>> recurring = new java.util.ArrayList<>(java.util.List.of(discovery));
        for (Maintenance m : maintenance) {
            recurring.add(Tasks.recurring(m.name(), FixedDelay.of(m.every())).execute((instance, context) -> m.work().run()));
        }
        this.scheduler = Scheduler.create(dataSource, syncTask)
                .startTasks(recurring)
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .threads(threads)
                .pollingInterval(pollInterval)
                // a killed instance's users (kill -9, a crashed host) are revived after 4 missed beats: about 20 s,
                // not db-scheduler's default 3 minutes (decision D27); a beat is one UPDATE per running execution
                .heartbeatInterval(Duration.ofSeconds(5))
                .missedHeartbeatsLimit(4)
                .failureLogging(LogLevel.WARN, false)
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()   // H2 and MariaDB TIMESTAMP columns keep no zone
                .shutdownMaxWait(STOP_WAIT)
                .build();
    }

    private void scheduleNewUsers(SyncStateStore store, com.github.kagkarlsson.scheduler.SchedulerClient client) {
        int added = 0;
        for (UserId user : store.users()) {
            if (user.equals(GoogleClientSettings.SYSTEM)) continue;
            if (client.scheduleIfNotExists(syncTask.instance(user.value(), user.value()), Instant.now())) added++;
        }
        if (added > 0) log.info("scheduled {} new user(s)", added);
    }

    public void start() {
        scheduler.start();
    }

    /**
     * Brings the user's next wake-up forward to {@code at} (a push notification), unless it is due earlier anyway or
     * running now; a running sync is followed by a quick next one through the cadence (the notification stays pending).
     */
    public void wake(UserId user, Instant at) {
        com.github.kagkarlsson.scheduler.task.TaskInstanceId id = com.github.kagkarlsson.scheduler.task.TaskInstanceId.of(SYNC_TASK, user.value());
        try {
            var execution = scheduler.getScheduledExecution(id);
            if (execution.isEmpty()) {
                scheduler.scheduleIfNotExists(syncTask.instance(user.value(), user.value()), at);
            } else if (!execution.get().isPicked() && execution.get().getExecutionTime().isAfter(at)) {
                scheduler.reschedule(id, at);
            }
        } catch (RuntimeException busy) {
            // picked meanwhile (TaskInstanceCurrentlyExecutingException) or raced by another instance: the pending mark serves
            log.debug("wake of {} not rescheduled: {}", user, busy.toString());
        }
    }

    /** Adds the users known now (at start, discovery also runs once on its own). */
    public void scheduleKnownUsers(SyncStateStore store) {
        scheduleNewUsers(store, scheduler);
    }

    @Override
    public void close() {
        scheduler.stop();
    }

    static final class UserSyncFailed extends RuntimeException {
        UserSyncFailed(String reason) {
            super(reason, null, false, false);   // the reason is all there is; no stack trace in the logs
        }
    }

    /** retryAfter × 2^(failures-1), at most the interval. */
    static final class BackOff implements FailureHandler<String> {
        private final Duration first;
        private final Duration max;

        BackOff(Duration first, Duration max) {
            this.first = first;
            this.max = max;
        }

        static Duration delay(Duration first, Duration max, int consecutiveFailures) {
            int doublings = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
            Duration d = first.multipliedBy(1L << doublings);
            return d.compareTo(max) > 0 ? max : d;
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
            int failures = complete.getExecution().consecutiveFailures + 1;
            Duration wait = delay(first, max, failures);
            log.warn("user {} sync failed {} time(s) in a row, next try in {}", complete.getExecution().taskInstance.getId(), failures, wait);
            operations.reschedule(complete, complete.getTimeDone().plus(wait));
        }
    }
}
