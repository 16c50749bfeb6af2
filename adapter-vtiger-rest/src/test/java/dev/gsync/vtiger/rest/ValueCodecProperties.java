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
                Arbitraries.of(true, false))
                .as((mark, seen, consumed, step) -> new FeedCursor.TypeFeed(mark, TreeSet.ofAll(seen), consumed, step));
        return Combinators.combine(Arbitraries.integers().between(0, 1), feed, feed).as(FeedCursor::new);
    }

    @Property(tries = 300)
    void a_cursor_reads_back_as_it_was_written(@ForAll("cursors") FeedCursor cursor) {
        assertThat(FeedCursor.decode(cursor.encode()).get()).isEqualTo(cursor);
    }

    @Example
    void a_cursor_of_the_form_with_known_ids_reads_back_without_them_and_without_the_deletion_phase() {
        String old = "{\"p\":2,\"w\":40,\"e\":{\"m\":1800000000,\"c\":0,\"s\":false,\"seen\":[\"77:abc\"],\"k\":\"1e.1.1\"},"
                + "\"t\":{\"m\":0,\"c\":0,\"s\":false,\"seen\":[],\"k\":\"\"}}";
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(bytes)) {
            z.write(old.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }

        FeedCursor read = FeedCursor.decode(new Cursor("vtr1:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray()))).get();

        assertThat(read).isEqualTo(new FeedCursor(0, new FeedCursor.TypeFeed(1_800_000_000L, TreeSet.of("77:abc"), 0, false), FeedCursor.TypeFeed.START));
    }

    @Example
    void a_foreign_or_damaged_cursor_is_refused() {
        assertThat(FeedCursor.decode(new Cursor("CAESBgiAgIDA")).isLeft()).isTrue();
        assertThat(FeedCursor.decode(new Cursor("vtr1:not-deflate")).isLeft()).isTrue();
        assertThat(FeedCursor.decode(Cursor.START).get()).isEqualTo(FeedCursor.START);
    }
}
