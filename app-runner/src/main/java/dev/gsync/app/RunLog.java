package dev.gsync.app;

import dev.gsync.core.model.UserId;
import io.vavr.control.Option;

/** The last runs per user, shared by every runner instance. */
public interface RunLog {
    void record(RunSummary run);

    Option<RunSummary> last(UserId user);

    /** The last run that was not OK, whether or not a later one was. */
    Option<RunSummary> lastProblem(UserId user);
}
