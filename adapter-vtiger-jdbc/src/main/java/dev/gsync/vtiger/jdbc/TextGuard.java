package dev.gsync.vtiger.jdbc;

import dev.gsync.core.model.CalendarItem;
import dev.gsync.core.port.CalendarFailure;
import io.vavr.control.Either;

/**
 * Makes an item fit vtiger's columns before anything is written: utf8mb3 text (no characters outside the BMP, which
 * MariaDB in vtiger's non-strict mode would store as '?') and the column lengths (subject 255, location 150).
 * Too long is refused rather than cut: a cut title would be synced back to Google as an edit.
 */
final class TextGuard {
    static final String REPLACEMENT = "\uFFFD";
    static final int SUBJECT_MAX = 255;
    static final int LOCATION_MAX = 150;
    static final int DESCRIPTION_MAX = 16_777_215 / 3;   // mediumtext bytes, 3 bytes per utf8mb3 character

    private final VtigerJdbcConfig.NonBmpPolicy policy;

    TextGuard(VtigerJdbcConfig.NonBmpPolicy policy) {
        this.policy = policy;
    }

    Either<CalendarFailure, CalendarItem> fit(CalendarItem item) {
        if (policy == VtigerJdbcConfig.NonBmpPolicy.REJECT) {
            for (String s : new String[]{item.title(), item.description(), item.location()}) {
                if (hasNonBmp(s)) return Either.left(new CalendarFailure.Rejected(
                        "text holds characters outside the BMP (e.g. emoji), which vtiger's utf8mb3 columns cannot store: '" + s + "'"));
            }
        }
        CalendarItem fitted = item.withTitle(clean(item.title())).withDescription(clean(item.description()))
                .withLocation(clean(item.location()));
        if (fitted.title().length() > SUBJECT_MAX)
            return Either.left(new CalendarFailure.Rejected("title longer than vtiger's " + SUBJECT_MAX + " characters"));
        if (fitted.location().length() > LOCATION_MAX)
            return Either.left(new CalendarFailure.Rejected("location longer than vtiger's " + LOCATION_MAX + " characters"));
        if (fitted.description().length() > DESCRIPTION_MAX)
            return Either.left(new CalendarFailure.Rejected("description longer than vtiger can store"));
        return Either.right(fitted);
    }

    String clean(String s) {
        boolean keep = policy == VtigerJdbcConfig.NonBmpPolicy.KEEP;
        if (s.codePoints().noneMatch(cp -> isLoneSurrogate(cp) || (!keep && Character.isSupplementaryCodePoint(cp)))) return s;
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            // a lone surrogate is not text at all: no column can store it, whatever the policy
            if (isLoneSurrogate(cp) || (!keep && Character.isSupplementaryCodePoint(cp))) out.append(REPLACEMENT);
            else out.appendCodePoint(cp);
        });
        return out.toString();
    }

    private static boolean isLoneSurrogate(int cp) {
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }

    static boolean hasNonBmp(String s) {
        return s.codePoints().anyMatch(Character::isSupplementaryCodePoint);
    }
}
