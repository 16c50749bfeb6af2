package dev.gsync.app;

/** How one user's sync ended; scripts see it as the exit code of {@code gsync sync}. */
public enum Outcome {
    /** Every planned write went through. */
    OK(0),
    /** The run finished, some items failed and are retried next run. */
    PARTIAL(3),
    /** The user has not linked Google, or the grant was revoked: they must connect again. */
    NOT_LINKED(4),
    /** The run could not finish (CRM or Google unreachable, quota, unexpected error). */
    FAILED(5);

    private final int exitCode;

    Outcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The worse of two outcomes, for a run over many users. */
    public Outcome worse(Outcome other) {
        return other.exitCode > exitCode ? other : this;
    }
}
