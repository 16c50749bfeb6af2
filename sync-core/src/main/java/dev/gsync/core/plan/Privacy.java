package dev.gsync.core.plan;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.PrivateLanding;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.Visibility;

/**
 * How an item looks once it has crossed. A private Google item lands in the CRM as public unless the user chose to
 * keep it private (the system gsync replaces documents "public", and users rely on it); nothing else changes.
 */
public final class Privacy {
    private final PrivateLanding privateGoogleLandsAs;

    public Privacy(PrivateLanding privateGoogleLandsAs) {
        this.privateGoogleLandsAs = privateGoogleLandsAs;
    }

    public CalendarItem crossing(CalendarItem item, Side to) {
        if (to == Side.CRM && item.isPrivate() && privateGoogleLandsAs == PrivateLanding.PUBLIC)
            return item.withVisibility(Visibility.PUBLIC);
        return item;
    }
}
