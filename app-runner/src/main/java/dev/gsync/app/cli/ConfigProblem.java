package dev.gsync.app.cli;

/** A setting a command cannot do without is missing or wrong: exit code 2, the message says which key. */
public final class ConfigProblem extends RuntimeException {
    public ConfigProblem(String message) {
        super(message, null, false, false);
    }
}
