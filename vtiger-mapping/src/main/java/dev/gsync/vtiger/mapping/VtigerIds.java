package dev.gsync.vtiger.mapping;

import dev.gsync.core.model.ExternalId;
import io.vavr.control.Option;

/**
 * The one id scheme of a vtiger record, whichever transport reads it: a record is its crmid ({@code "4711"}), a
 * series made by vtiger's UI is {@code "s"} + the crmid of its parent record ({@code "s4711"}).
 * <p>Ids handed out by the REST adapter before this scheme were webservice ids ({@code "18x4711"}, {@code "9x4711"}):
 * they are still read (the number after the {@code x} is the crmid), so a stored link with an old id keeps working;
 * {@link #canonical(ExternalId)} turns one into the current form for a link migration.
 */
public final class VtigerIds {
    private VtigerIds() {}

    static final String SERIES_PREFIX = "s";

    public static ExternalId record(long crmid) {
        return ExternalId.of(Long.toString(crmid));
    }

    public static ExternalId series(long parentCrmid) {
        return ExternalId.of(SERIES_PREFIX + parentCrmid);
    }

    public static boolean isSeries(ExternalId id) {
        return id.value().startsWith(SERIES_PREFIX) && number(id).isDefined();
    }

    /** True for a webservice id of the old REST scheme ({@code <prefix>x<crmid>}). */
    public static boolean isLegacyWebserviceId(ExternalId id) {
        int x = id.value().indexOf('x');
        return x > 0 && digits(id.value().substring(0, x)) && digits(id.value().substring(x + 1));
    }

    /** The crmid of a record id (current or legacy), the parent crmid of a series id; none for foreign ids. */
    public static Option<Long> number(ExternalId id) {
        String v = id.value();
        if (v.startsWith(SERIES_PREFIX)) v = v.substring(SERIES_PREFIX.length());
        else if (isLegacyWebserviceId(id)) v = v.substring(v.indexOf('x') + 1);
        if (!digits(v)) return Option.none();
        try {
            long n = Long.parseLong(v);
            return n > 0 ? Option.some(n) : Option.none();
        } catch (NumberFormatException e) {
            return Option.none();
        }
    }

    /** The current form of an id ({@code "18x4711"} becomes {@code "4711"}); other ids unchanged. */
    public static ExternalId canonical(ExternalId id) {
        return isLegacyWebserviceId(id) ? record(number(id).get()) : id;
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
