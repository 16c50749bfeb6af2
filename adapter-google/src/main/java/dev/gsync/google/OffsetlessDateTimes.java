package dev.gsync.google;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google answers timed start/end values with an offset, but a value without one ("2026-03-10T09:00:00" next to
 * "timeZone": "Europe/Berlin") is legal RFC 3339-ish JSON that the Java client would read as UTC. Defensively,
 * such a value is given the offset of its own timeZone before the client parses it. EventDateTime objects are
 * flat (date, dateTime, timeZone), so a flat-object pattern finds them without a second JSON library.
 */
final class OffsetlessDateTimes {
    private static final Pattern FLAT_OBJECT_WITH_DATE_TIME = Pattern.compile("\\{[^{}]*\"dateTime\"[^{}]*}");
    private static final Pattern OFFSETLESS = Pattern.compile(
            "\"dateTime\"\\s*:\\s*\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d{1,9})?)?)\"");
    private static final Pattern TIME_ZONE = Pattern.compile("\"timeZone\"\\s*:\\s*\"([^\"]+)\"");
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private OffsetlessDateTimes() {}

    /** The JSON text with every offset-less dateTime that has a readable timeZone given that zone's offset. */
    static String withOffsets(String json) {
        if (!OFFSETLESS.matcher(json).find()) return json;   // the usual case: nothing to do, no copy
        Matcher objects = FLAT_OBJECT_WITH_DATE_TIME.matcher(json);
        StringBuilder out = new StringBuilder(json.length() + 64);
        while (objects.find()) objects.appendReplacement(out, Matcher.quoteReplacement(fix(objects.group())));
        objects.appendTail(out);
        return out.toString();
    }

    private static String fix(String object) {
        Matcher value = OFFSETLESS.matcher(object);
        Matcher zone = TIME_ZONE.matcher(object);
        if (!value.find() || !zone.find()) return object;   // no zone: the client's reading (UTC) is all we have
        try {
            String offset = WITH_OFFSET.format(LocalDateTime.parse(value.group(1)).atZone(ZoneId.of(zone.group(1))));
            return object.substring(0, value.start(1)) + offset + object.substring(value.end(1));
        } catch (DateTimeException unreadable) {
            return object;
        }
    }
}
