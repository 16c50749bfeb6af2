package dev.gsync.state;

/**
 * A row of stored state that cannot be read back (edited by hand, written by a newer gsync, or damaged). The
 * ports return plain values, so this is an exception; its message names the table, the user and the problem.
 */
public class StoredStateException extends RuntimeException {
    public StoredStateException(String message) {
        super(message);
    }
}
