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

/** The laws of the adapter's own cursor encoding, without a server (text and reminder laws: vtiger-mapping). */
class ValueCodecProperties {
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
