package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.model.Field;
import dev.gsync.core.model.Version;

import java.nio.charset.StandardCharsets;

/**
 * The version vtiger cannot give: {@code modifiedtime} (one-second steps) plus a 64-bit FNV fingerprint of the item as
 * read (and of {@code extra}: the idempotency marker, a series' exception ids). The same for both transports, so a
 * record read through the other one has the same version.
 */
public final class VtigerVersions {
    private VtigerVersions() {}

    public static Version of(String modifiedtime, CalendarItem item, String extra) {
        StringBuilder all = new StringBuilder(item.kind().name());
        for (Field f : Field.values()) all.append('\u0001').append(item.canonical(f));
        all.append('\u0001').append(item.series().map(Object::toString).getOrElse("")).append('\u0001').append(extra);
        return Version.of(modifiedtime + "#" + fnv(all.toString()));
    }

    public static String fnv(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return String.format("%016x", h);
    }
}
