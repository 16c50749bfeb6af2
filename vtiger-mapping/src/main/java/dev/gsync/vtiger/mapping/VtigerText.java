package dev.gsync.vtiger.mapping;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import org.jsoup.parser.Parser;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How text is stored in vtiger, whichever transport writes it.
 * <ul>
 * <li>Plain text (title, location) is stored HTML-escaped ({@code &}, {@code <}, {@code >}), as vtiger's own UI stores
 *     it, and read by unescaping, which also decodes what people typed into the UI.</li>
 * <li>A description is HTML and stored as is, except that vtiger's webservice entity-encodes {@code <}, {@code >} and
 *     {@code "} of a value matching its "script ... /script" test (PHP's {@code /(script).*(\/script)/i}): such a
 *     description is stored fully escaped (the {@code &} too), so it unescapes exactly.</li>
 * <li>The idempotency marker is an HTML comment at the end of the description, invisible where it is shown.</li>
 * <li>Characters outside the BMP (emoji) cannot be stored in vtiger's utf8mb3 tables: {@link NonBmpPolicy}.</li>
 * </ul>
 */
public final class VtigerText {
    private VtigerText() {}

    public static final String REPLACEMENT = "\uFFFD";
    public static final int TITLE_MAX = 255;
    public static final int LOCATION_MAX = 150;
    public static final String NO_TITLE = "(no title)";

    private static final Pattern SCRIPT = Pattern.compile("script[^\\n]*/script", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKER = Pattern.compile("<!--gsync:([0-9a-f]+)-->\\z");
    private static final Pattern SERIES = Pattern.compile("<!--gsync-series:(s[0-9]+:[0-9a-f]*(?::m[0-9,-]*)?)-->\\z");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");

    public static boolean tripsScriptFilter(String s) {
        return SCRIPT.matcher(s).find();
    }

    public static String plainForStore(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public static String plainFromStore(String stored) {
        return stored.indexOf('&') < 0 ? stored : Parser.unescapeEntities(stored, false);
    }

    /** The description as vtiger ends up storing it. */
    public static String htmlForStore(String html) {
        return tripsScriptFilter(html)
                ? html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                : html;
    }

    public static String htmlFromStore(String stored) {
        return tripsScriptFilter(stored) && stored.indexOf('&') >= 0 ? Parser.unescapeEntities(stored, false) : stored;
    }

    /** True when the webservice's revise (which entity-decodes every stored field) would change the stored value. */
    public static boolean hasEntities(String stored) {
        return stored != null && ENTITY.matcher(stored).find();
    }

    /** The idempotency marker, an HTML comment at the end of the description. */
    public static String marker(String key) {
        return "<!--gsync:" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)) + "-->";
    }

    /** What a LIKE search must find in the stored description: the marker's letters are never escaped. */
    public static String markerCore(String key) {
        return "gsync:" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)) + "--";
    }

    /**
     * The description without its trailing marker (and the series comment before it), the key the marker names, and
     * the series comment's content ({@code s4711:<hex>}, see {@link #seriesComment}).
     */
    public static Split splitMarker(String description) {
        Matcher m = MARKER.matcher(description);
        if (!m.find()) {
            // a record of a vtiger UI series carries the series comment alone (the JDBC transport tags it, no key)
            Matcher alone = SERIES.matcher(description);
            if (alone.find()) return new Split(description.substring(0, alone.start()), Option.none(), Option.some(alone.group(1)));
            return new Split(description, Option.none(), Option.none());
        }
        String key = new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.UTF_8);
        String rest = description.substring(0, m.start());
        Matcher s = SERIES.matcher(rest);
        if (!s.find()) return new Split(rest, Option.some(key), Option.none());
        return new Split(rest.substring(0, s.start()), Option.some(key), Option.some(s.group(1)));
    }

    public record Split(String text, Option<String> key, Option<String> seriesTag) {}

    /**
     * Over the webservice, which shows no series, the records gsync makes for one recurring item say so themselves:
     * an HTML comment before the marker naming the series ("s" + the crmid of its first record) and its rule
     * ({@code payload}, hex). Hex and digits only, so LIKE and vtiger's script filter leave it alone.
     */
    public static String seriesComment(String seriesId, String payload) {
        return "<!--gsync-series:" + seriesId + ":" + HexFormat.of().formatHex(payload.getBytes(StandardCharsets.UTF_8)) + "-->";
    }

    /** The series comment holding a tag as {@link Split#seriesTag()} gives it back. */
    public static String seriesCommentOf(String tag) {
        return "<!--gsync-series:" + tag + "-->";
    }

    /**
     * A stored description with its series comment replaced by {@code comment} (none: removed); the text and the
     * idempotency marker stay as they are.
     */
    public static String withSeriesComment(String stored, Option<String> comment) {
        Split split = splitMarker(htmlFromStore(stored == null ? "" : stored));
        return htmlForStore(split.text() + comment.getOrElse("") + split.key().map(VtigerText::marker).getOrElse(""));
    }

    /** What a LIKE search must find in the description of every member of a series. */
    public static String seriesCore(String seriesId) {
        return "gsync-series:" + seriesId + ":";
    }

    /** The series id and the payload of a series comment's content ({@link Split#seriesTag()}). */
    public static Option<Tuple2<String, String>> seriesOf(String tag) {
        int colon = tag.indexOf(':');
        if (colon < 0) return Option.none();
        int members = tag.indexOf(":m", colon + 1);
        String hex = members < 0 ? tag.substring(colon + 1) : tag.substring(colon + 1, members);
        return Try.of(() -> Tuple.of(tag.substring(0, colon), new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8))).toOption();
    }

    /**
     * The crmids a series comment lists as the series' records (the first record's comment does, D36), if it lists
     * any: ranges and single ids, "4712-4714,4720".
     */
    public static Option<io.vavr.collection.SortedSet<Long>> seriesMembersOf(String tag) {
        int members = tag.indexOf(":m");
        if (members < 0) return Option.none();
        return Try.of(() -> {
            io.vavr.collection.SortedSet<Long> out = io.vavr.collection.TreeSet.empty();
            for (String part : tag.substring(members + 2).split(",")) {
                if (part.isEmpty()) continue;
                int dash = part.indexOf('-');
                long from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
                long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
                if (to - from > 10_000) throw new IllegalArgumentException("range too long: " + part);
                for (long id = from; id <= to; id++) out = out.add(id);
            }
            return out;
        }).toOption();
    }

    /** A series comment that also lists the series' records (written on its first record). */
    public static String seriesComment(String seriesId, String payload, io.vavr.collection.SortedSet<Long> members) {
        StringBuilder list = new StringBuilder();
        Long start = null;
        Long last = null;
        for (Long id : members.toList().append(Long.MIN_VALUE)) {   // a sentinel closes the last range
            if (last != null && id == last + 1) {
                last = id;
                continue;
            }
            if (start != null) list.append(list.length() == 0 ? "" : ",").append(start).append(start.equals(last) ? "" : "-" + last);
            start = id;
            last = id;
        }
        return "<!--gsync-series:" + seriesId + ":" + HexFormat.of().formatHex(payload.getBytes(StandardCharsets.UTF_8)) + ":m" + list + "-->";
    }

    /**
     * Applies the policy for characters vtiger's utf8mb3 tables cannot hold (lone surrogates always count as such).
     * Right: the text to store and whether it was changed. Left: why it is refused.
     */
    public static Either<String, Tuple2<String, Boolean>> fitToBmp(String what, String text, NonBmpPolicy policy) {
        boolean keepNonBmp = policy == NonBmpPolicy.KEEP;
        if (text.codePoints().noneMatch(cp -> isLoneSurrogate(cp) || (!keepNonBmp && Character.isSupplementaryCodePoint(cp))))
            return Either.right(Tuple.of(text, false));
        if (policy == NonBmpPolicy.REJECT && text.codePoints().anyMatch(Character::isSupplementaryCodePoint))
            return Either.left(what + " contains characters outside the Basic Multilingual Plane (emoji?), which vtiger would store as '????'");
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (isLoneSurrogate(cp) || (!keepNonBmp && Character.isSupplementaryCodePoint(cp))) out.append(REPLACEMENT);
            else out.appendCodePoint(cp);
        });
        return Either.right(Tuple.of(out.toString(), true));
    }

    /** The longest start of {@code text} whose stored (escaped) form fits {@code max} characters. */
    public static String cutToFit(String text, int max) {
        int length = 0;
        int end = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int stored = cp == '&' ? 5 : cp == '<' || cp == '>' ? 4 : Character.charCount(cp);
            if (length + stored > max) break;
            length += stored;
            i += Character.charCount(cp);
            end = i;
        }
        return text.substring(0, end);
    }

    private static boolean isLoneSurrogate(int cp) {
        return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    }
}
