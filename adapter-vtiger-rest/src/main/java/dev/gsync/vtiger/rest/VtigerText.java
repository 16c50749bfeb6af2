package dev.gsync.vtiger.rest;

import io.vavr.control.Either;
import io.vavr.control.Option;
import org.jsoup.parser.Parser;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How text crosses the webservice unchanged. vtiger stores what it is sent, except that a value matching its
 * "script ... /script" test (PHP's {@code /(script).*(\/script)/i}: '.' stops at a newline) is stored with
 * {@code <}, {@code >} and {@code "} turned into entities. And {@code revise} entity-decodes every stored field.
 * So:
 * <ul>
 * <li>Plain text (title, location) is stored HTML-escaped, as vtiger's own UI stores it ({@code &}, {@code <},
 *     {@code >}); it reads back by unescaping, which also decodes what people typed into the UI.</li>
 * <li>A description is HTML and is stored as is; if it trips the script test, its {@code &} are escaped first so
 *     the stored value is fully escaped and unescapes exactly.</li>
 * </ul>
 */
final class VtigerText {
    private VtigerText() {}

    private static final Pattern SCRIPT = Pattern.compile("script[^\\n]*/script", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKER = Pattern.compile("<!--gsync:([0-9a-f]+)-->\\z");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");

    static final String REPLACEMENT = "\uFFFD";

    static boolean tripsScriptFilter(String s) {
        return SCRIPT.matcher(s).find();
    }

    static String plainForWrite(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String plainFromStore(String stored) {
        return stored.indexOf('&') < 0 ? stored : Parser.unescapeEntities(stored, false);
    }

    static String htmlForWrite(String html) {
        return tripsScriptFilter(html) ? html.replace("&", "&amp;") : html;
    }

    static String htmlFromStore(String stored) {
        return tripsScriptFilter(stored) && stored.indexOf('&') >= 0 ? Parser.unescapeEntities(stored, false) : stored;
    }

    /** True when revise's blanket entity-decoding would change the stored value: such a field is sent again. */
    static boolean hasEntities(String stored) {
        return stored != null && ENTITY.matcher(stored).find();
    }

    /** The idempotency marker, an HTML comment at the end of the description: invisible where HTML is shown. */
    static String marker(String key) {
        return "<!--gsync:" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)) + "-->";
    }

    /** What a LIKE search must find in the stored description: the marker's letters are never escaped. */
    static String markerCore(String key) {
        return "gsync:" + HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8)) + "--";
    }

    /** The description without its trailing marker, and the key the marker names. */
    static Split splitMarker(String description) {
        Matcher m = MARKER.matcher(description);
        if (!m.find()) return new Split(description, Option.none());
        String key = new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.UTF_8);
        return new Split(description.substring(0, m.start()), Option.some(key));
    }

    record Split(String text, Option<String> key) {}

    /** Applies the policy for characters vtiger's utf8mb3 tables cannot hold (lone surrogates count as such). */
    static Either<String, String> fitToBmp(String what, String text, NonBmpPolicy policy) {
        if (policy == NonBmpPolicy.KEEP || !needsFitting(text)) return Either.right(text);
        if (policy == NonBmpPolicy.REJECT)
            return Either.left(what + " contains characters outside the Basic Multilingual Plane (emoji?), which vtiger would store as '????'");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(REPLACEMENT);
                i++;
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return Either.right(out.toString());
    }

    private static boolean needsFitting(String text) {
        for (int i = 0; i < text.length(); i++) if (Character.isSurrogate(text.charAt(i))) return true;
        return false;
    }
}
