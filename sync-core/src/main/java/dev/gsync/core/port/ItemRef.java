package dev.gsync.core.port;

import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;

import java.util.Objects;

/** An item named by its side and that side's id. */
public record ItemRef(Side side, ExternalId id) {
    public ItemRef {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return side + ":" + id;
    }
}
