package dev.gsync.vtiger.rest.archfixture;

import dev.gsync.core.model.ItemStatus;

/** A transport class that reads a status in its own way: the rule in OneVtigerMappingTest must catch it. */
public final class MapsStatusItself {
    public ItemStatus read(String stored) {
        return "Not Held".equals(stored) ? ItemStatus.CANCELLED : ItemStatus.CONFIRMED;
    }
}
