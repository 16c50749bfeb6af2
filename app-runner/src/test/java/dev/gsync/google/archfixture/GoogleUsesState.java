package dev.gsync.google.archfixture;

import dev.gsync.state.StateConfig;

/** An "adapter" class using another adapter: ArchitectureTest shows its rule reports this. */
public final class GoogleUsesState {
    public String prefix() {
        return StateConfig.embeddedDefault(java.util.Map.of()).tablePrefix();   // a call: a constant would be inlined
    }
}
