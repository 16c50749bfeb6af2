package dev.gsync.app;

/** How one user's sync ended; scripts see it as the exit code of {@code gsync sync}. */
public enum Outcome {
    /** Every planned write went through. */
    OK(0),
    /** The run finished, some items failed and are retried next run. */
    PARTIAL(3),
    /**
     * Everything else was synced, but a mass deletion is held for the user to confirm or discard (rule R12):
     * {@code gsync sync --user U --confirm-deletes} or {@code --discard-deletes}, or the settings page.
     */
    HELD(6),
    /** Another process (the scheduler of {@code gsync serve}, another {@code gsync sync}) is syncing the user: nothing was done. */
    BUSY(7),
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

    /** The worse of two outcomes, for a run over many users: the later constant of this enum. */
    public Outcome worse(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
