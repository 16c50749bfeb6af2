package dev.gsync.app;

/** Exit codes of the gsync command; docs/operations.md lists them for scripts. */
public final class ExitCode {
    public static final int OK = 0;
    /** A bug or an unexpected environment problem; the log has the stack trace. */
    public static final int INTERNAL_ERROR = 1;
    /** Wrong arguments or configuration: nothing was done. */
    public static final int USAGE = 2;
    public static final int PARTIAL = Outcome.PARTIAL.exitCode();
    public static final int NOT_LINKED = Outcome.NOT_LINKED.exitCode();
    public static final int FAILED = Outcome.FAILED.exitCode();
    public static final int HELD = Outcome.HELD.exitCode();
    public static final int BUSY = Outcome.BUSY.exitCode();

    private ExitCode() {}
}
