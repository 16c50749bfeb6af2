package dev.gsync.google;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Safelist;

/**
 * Descriptions cross between a CRM that stores HTML and Google, where anyone may type anything. Whatever comes from
 * Google is cleaned with jsoup's {@link Safelist#basic()} (text formatting and links, no scripts, no styles, no
 * images) before it can reach the CRM, less the {@code cite} of {@code q} and {@code blockquote}: jsoup keeps it
 * whatever its scheme ({@code <q cite=javascript:...>}), and it shows nothing to a reader anyway. XssCorpusTest holds
 * the payloads this must stop.
 */
final class HtmlText {
    private static final Safelist SAFE = Safelist.basic().removeAttributes("q", "cite").removeAttributes("blockquote", "cite");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);
    private static final String NEWLINE_MARK = "\uE000";   // a private-use character: never in real text

    private HtmlText() {
    }

    /** Event descriptions from Google: HTML, made safe. */
    static String sanitize(String html) {
        if (html == null || html.isBlank()) return "";
        return Jsoup.clean(html, "", SAFE, COMPACT).strip();
    }

    /** Whether {@link #sanitize} takes something away (an element or an attribute), so the CRM gets less than Google holds. */
    static boolean sanitizeRemoves(String html) {
        if (html == null || html.isBlank()) return false;
        Document dirty = Jsoup.parseBodyFragment(html);
        java.util.Map<String, Integer> kept = parts(new org.jsoup.safety.Cleaner(SAFE).clean(dirty));
        for (java.util.Map.Entry<String, Integer> part : parts(dirty).entrySet())
            if (kept.getOrDefault(part.getKey(), 0) < part.getValue()) return true;
        return false;
    }

    /** Each element's tag and each of its attributes, counted. */
    private static java.util.Map<String, Integer> parts(Document doc) {
        java.util.Map<String, Integer> out = new java.util.HashMap<>();
        for (org.jsoup.nodes.Element e : doc.body().getAllElements()) {
            if (e == doc.body()) continue;
            out.merge(e.tagName(), 1, Integer::sum);
            for (org.jsoup.nodes.Attribute a : e.attributes()) out.merge(e.tagName() + "@" + a.getKey(), 1, Integer::sum);
        }
        return out;
    }

    /** Task notes are plain text: the CRM's HTML becomes text, line breaks kept. */
    static String toPlainText(String html) {
        if (html == null || html.isBlank()) return "";
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select("br").before(NEWLINE_MARK);
        doc.select("p, div, li").before(NEWLINE_MARK);
        return doc.body().text().replace(NEWLINE_MARK, "\n").replaceAll(" *\n *", "\n").strip();
    }

    /** Task notes to the CRM: escaped text, line breaks as {@code <br>}. */
    static String fromPlainText(String text) {
        if (text == null || text.isBlank()) return "";
        return Entities.escape(text.strip()).replace("\r\n", "\n").replace("\n", "<br>");
    }
}
