package dev.gsync.vtiger.rest;

import dev.gsync.core.port.Cursor;
import io.vavr.collection.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The laws of the adapter's own encodings, without a server. */
class ValueCodecProperties {
    private static final Pattern SCRIPT = Pattern.compile("script[^\\n]*/script", Pattern.CASE_INSENSITIVE);

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab &;<>\"'#\\/\nscript€中").ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(20).filter(s -> s.codePoints().allMatch(cp -> cp <= 0xFFFF && !Character.isSurrogate((char) cp))));
    }

    /** vtiger's from_html, applied to every value it saves. */
    private static String fromHtml(String s) {
        return SCRIPT.matcher(s).find() ? s.replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;") : s;
    }

    @Property
    void plain_text_survives_vtigers_storage(@ForAll("text") String text) {
        assertThat(VtigerText.plainFromStore(fromHtml(VtigerText.plainForWrite(text)))).isEqualTo(text);
    }

    @Property
    void html_survives_vtigers_storage_even_when_it_trips_the_script_filter(@ForAll("text") String html) {
        assertThat(VtigerText.htmlFromStore(fromHtml(VtigerText.htmlForWrite(html)))).isEqualTo(html);
    }

    @Property
    void the_marker_comes_off_again_with_its_key(@ForAll("text") String description, @ForAll("text") String key) {
        net.jqwik.api.Assume.that(!key.isEmpty());

        VtigerText.Split split = VtigerText.splitMarker(VtigerText.htmlFromStore(fromHtml(VtigerText.htmlForWrite(description + VtigerText.marker(key)))));

        assertThat(split.text()).isEqualTo(description);
        assertThat(split.key().get()).isEqualTo(key);
        assertThat(VtigerText.marker(key)).contains(VtigerText.markerCore(key));
    }

    @Property
    void a_reminder_reads_back_as_written_unless_it_is_one_past_a_whole_hour(@ForAll @IntRange(max = 100_000) int minutes) {
        long seconds = Long.parseLong(ActivityMapper.reminderForWrite(minutes));
        long m = (seconds / 60) % 60, h = (seconds / 3600) % 24, d = seconds / 86_400;   // vtiger's arithmetic
        long stored = d * 1440 + h * 60 + (m == 0 ? 1 : m);

        int read = ActivityMapper.reminderFromStore(Long.toString(stored)).head();

        assertThat(read).isEqualTo(minutes % 60 == 1 ? minutes - 1 : minutes);
    }

    @Provide
    Arbitrary<FeedCursor> cursors() {
        Arbitrary<FeedCursor.TypeFeed> feed = Combinators.combine(
                Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.strings().alpha().numeric().ofMaxLength(12).list().ofMaxSize(5),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 50_000_000L).list().ofMaxSize(300))
                .as((mark, seen, consumed, step, known) -> new FeedCursor.TypeFeed(mark, TreeSet.ofAll(seen), consumed, step, TreeSet.ofAll(known)));
        return Combinators.combine(Arbitraries.integers().between(0, 2), feed, feed, Arbitraries.integers().between(0, 1000)).as(FeedCursor::new);
    }

    @Property(tries = 300)
    void a_cursor_reads_back_as_it_was_written(@ForAll("cursors") FeedCursor cursor) {
        assertThat(FeedCursor.decode(cursor.encode()).get()).isEqualTo(cursor);
    }

    @Example
    void ten_thousand_known_ids_make_a_cursor_of_a_few_kilobytes() {
        java.util.Random random = new java.util.Random(7);
        List<Long> ids = new java.util.ArrayList<>();
        long id = 1000;
        for (int i = 0; i < 10_000; i++) ids.add(id += 1 + random.nextInt(40));   // other modules' records in between
        FeedCursor cursor = FeedCursor.START.with(dev.gsync.core.model.ItemKind.EVENT,
                new FeedCursor.TypeFeed(1_800_000_000L, TreeSet.empty(), 0, false, TreeSet.ofAll(ids)));

        Cursor encoded = cursor.encode();

        System.out.println("cursor with 10000 known ids: " + encoded.value().length() + " characters");
        assertThat(encoded.value().length()).isLessThan(40_000);
        assertThat(FeedCursor.decode(encoded).get()).isEqualTo(cursor);
    }

    @Example
    void a_foreign_or_damaged_cursor_is_refused() {
        assertThat(FeedCursor.decode(new Cursor("CAESBgiAgIDA")).isLeft()).isTrue();
        assertThat(FeedCursor.decode(new Cursor("vtr1:not-deflate")).isLeft()).isTrue();
        assertThat(FeedCursor.decode(Cursor.START).get()).isEqualTo(FeedCursor.START);
    }
}
