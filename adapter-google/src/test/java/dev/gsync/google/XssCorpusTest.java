package dev.gsync.google;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import io.vavr.collection.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event descriptions from Google reach the CRM as HTML. A corpus of XSS payloads (src/test/resources/xss-payloads.txt,
 * one per line: scripts, event handlers, javascript:/data:/vbscript: URLs hidden behind entities, tabs and case,
 * SVG/MathML, styles, forms, frames, parser confusions) goes through the mapper; what comes out is parsed as a
 * browser parses it and must hold nothing that runs: only the allowed tags, no event handler, no style, and links
 * only to http, https, mailto or ftp.
 */
class XssCorpusTest {
    private static final Set<String> TAGS = Set.of("a", "b", "blockquote", "br", "cite", "code", "dd", "dl", "dt", "em", "i",
            "li", "ol", "p", "pre", "q", "small", "span", "strike", "strong", "sub", "sup", "u", "ul");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "cite");
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto", "ftp");
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.\\-]*):.*", Pattern.DOTALL);
    private final GoogleEventMapper mapper = new GoogleEventMapper(ZoneId.of("Europe/Berlin"));

    @Test
    void no_payload_of_the_corpus_reaches_the_crm_in_executable_form() throws IOException {
        List<String> corpus = corpus();
        java.util.List<String> survivors = new ArrayList<>();
        for (String payload : corpus) {
            String stored = mapper.toItem("primary", event(payload), List.empty()).description();
            List<String> found = executable(stored);
            if (!found.isEmpty()) survivors.add(payload + "  ->  " + stored + "  " + found);
        }
        assertThat(corpus.size()).isGreaterThanOrEqualTo(100);
        assertThat(survivors).isEmpty();
    }

    @Test
    void the_check_finds_what_is_executable_in_the_raw_payloads() throws IOException {
        // the check must be able to fail: most payloads, taken as they are, are flagged
        List<String> corpus = corpus();
        int flagged = corpus.count(p -> !executable(p).isEmpty());
        assertThat(flagged).as("raw payloads flagged").isGreaterThanOrEqualTo(corpus.size() * 9 / 10);
        assertThat(executable("<q cite=javascript:alert(1)>q</q>")).isNotEmpty();
        assertThat(executable("<a href=\"https://ok.example/\" rel=\"nofollow\">fine</a> <b>bold</b>")).isEmpty();
    }

    @Test
    void harmless_formatting_and_links_survive() {
        String stored = mapper.toItem("primary", event("<p>Agenda: <b>budget</b>, <a href=\"https://ok.example/x\">notes</a></p>"), List.empty()).description();
        assertThat(stored).contains("<b>budget</b>").contains("href=\"https://ok.example/x\"");
    }

    /** What in {@code html} a browser would run, parsed as a browser parses it. */
    static List<String> executable(String html) {
        java.util.List<String> found = new ArrayList<>();
        if (html.toLowerCase(Locale.ROOT).contains("<script")) found.add("<script");
        for (Element e : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            if (e.tagName().equals("body")) continue;
            if (!TAGS.contains(e.normalName())) found.add("<" + e.normalName() + ">");
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on") || name.equals("style") || name.equals("srcdoc") || name.equals("formaction")
                        || name.equals("src") || name.equals("action") || name.contains("href") && !name.equals("href")) {
                    found.add(name + "=");
                } else if (URL_ATTRIBUTES.contains(name)) {
                    // as browsers read URLs: control characters and whitespace anywhere are ignored
                    String url = a.getValue().replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
                    var scheme = SCHEME.matcher(url);
                    if (scheme.matches() && !SCHEMES.contains(scheme.group(1))) found.add(name + "=" + scheme.group(1) + ":");
                }
            }
        }
        return List.ofAll(found);
    }

    private static Event event(String description) {
        return new Event().setId("x1").setEtag("\"1\"").setStatus("confirmed").setSummary("Demo").setDescription(description)
                .setStart(new EventDateTime().setDateTime(DateTime.parseRfc3339("2026-03-01T09:00:00Z")))
                .setEnd(new EventDateTime().setDateTime(DateTime.parseRfc3339("2026-03-01T10:00:00Z")))
                .setUpdated(DateTime.parseRfc3339("2026-01-01T10:00:00.000Z"));
    }

    private static List<String> corpus() throws IOException {
        try (InputStream in = XssCorpusTest.class.getResourceAsStream("/xss-payloads.txt")) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .filter(line -> !line.isBlank() && !line.startsWith("#"));
        }
    }
}
