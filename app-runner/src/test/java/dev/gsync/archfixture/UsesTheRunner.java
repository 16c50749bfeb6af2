package dev.gsync.archfixture;

import dev.gsync.app.Outcome;

/** A class outside dev.gsync.app that uses the runner: ArchitectureTest shows its rule reports this. */
public final class UsesTheRunner {
    public Outcome outcome() {
        return Outcome.OK;
    }
}
