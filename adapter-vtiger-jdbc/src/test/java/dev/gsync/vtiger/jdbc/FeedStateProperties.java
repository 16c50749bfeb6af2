package dev.gsync.vtiger.jdbc;

import dev.gsync.core.port.Cursor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** The cursor carries the feed's state unchanged through encode and decode. */
class FeedStateProperties {

    @Property(tries = 200)
    void a_cursor_decodes_to_the_state_it_was_made_from(@ForAll @Size(max = 20) Map<@IntRange(min = 1, max = 99_999) Integer, @IntRange(min = 0, max = 1_000_000) Integer> seen,
                                                        @ForAll @Size(max = 5) Map<@IntRange(min = 1, max = 99_999) Integer, @Size(min = 1, max = 4) Set<@IntRange(min = 1, max = 99_999) Integer>> exceptions,
                                                        @ForAll long mark, @ForAll int runs, @ForAll boolean full) {
        FeedState st = new FeedState();
        st.mode = full ? FeedState.Mode.FULL : FeedState.Mode.INCREMENTAL;
        st.mark = mark;
        st.runs = runs;
        st.after = runs / 2;
        st.posTime = mark / 3;
        st.posId = runs / 3;
        seen.forEach((id, t) -> st.seen.put((t % 2 == 0 ? "s" : "") + id, new FeedState.Seen("2026-03-02 09:00:00#" + Integer.toHexString(t), t)));

        exceptions.forEach((parent, ids) -> st.exceptions.put(parent, new java.util.TreeSet<>(ids)));
        if (full) exceptions.keySet().forEach(st.again::add);

        FeedState back = FeedState.decode(st.encode()).get();

        assertThat(back.mode).isEqualTo(st.mode);
        assertThat(back.mark).isEqualTo(st.mark);
        assertThat(back.runs).isEqualTo(st.runs);
        assertThat(back.after).isEqualTo(st.after);
        assertThat(back.posTime).isEqualTo(st.posTime);
        assertThat(back.posId).isEqualTo(st.posId);
        assertThat(back.seen).isEqualTo(st.seen);
        assertThat(back.exceptions).isEqualTo(st.exceptions);
        assertThat(back.again).isEqualTo(st.again);
    }

    @Example
    void a_cursor_of_the_version_that_carried_every_live_id_is_still_read_and_the_ids_dropped() {
        // v2 before issue 10: the header lines, then the live ids as varints (here 3 ids, one with a series parent)
        byte[] header = "v2\nI\n0\n0\n1772442000\n-9223372036854775808\n0\n-9223372036854775808\n7\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] ids = {0x0a, 0x03, 0x05, 0x02};
        byte[] raw = new byte[header.length + ids.length];
        System.arraycopy(header, 0, raw, 0, header.length);
        System.arraycopy(ids, 0, raw, header.length, ids.length);
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        byte[] buf = new byte[1024];
        int n = d.deflate(buf);
        Cursor old = new Cursor(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(buf, n)));

        FeedState st = FeedState.decode(old).get();

        assertThat(st.mode).isEqualTo(FeedState.Mode.INCREMENTAL);
        assertThat(st.mark).isEqualTo(1772442000L);
        assertThat(st.runs).isEqualTo(7);
        assertThat(st.exceptions).isEmpty();
        assertThat(FeedState.decode(st.encode()).get().mark).isEqualTo(1772442000L);
    }
}
