package dev.gsync.vtiger.jdbc;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cursor carries the feed's state unchanged through encode and decode. */
class FeedStateProperties {

    @Property(tries = 200)
    void a_cursor_decodes_to_the_state_it_was_made_from(@ForAll @Size(max = 300) List<@IntRange(min = 1, max = 2_000_000_000) Integer> ids,
                                                        @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 2_000_000) Integer> parents,
                                                        @ForAll @Size(max = 20) Map<@IntRange(min = 1, max = 99_999) Integer, @IntRange(min = 0, max = 1_000_000) Integer> seen,
                                                        @ForAll long mark, @ForAll int runs, @ForAll boolean full) {
        FeedState st = new FeedState();
        st.mode = full ? FeedState.Mode.FULL : FeedState.Mode.INCREMENTAL;
        st.mark = mark;
        st.runs = runs;
        st.after = runs / 2;
        st.posTime = mark / 3;
        st.posId = runs / 3;
        for (int i = 0; i < ids.size(); i++) st.known.put(ids.get(i), parents.isEmpty() ? 0 : parents.get(i % parents.size()));
        seen.forEach((id, t) -> st.seen.put((t % 2 == 0 ? "s" : "") + id, new FeedState.Seen("2026-03-02 09:00:00#" + Integer.toHexString(t), t)));

        FeedState back = FeedState.decode(st.encode()).get();

        assertThat(back.mode).isEqualTo(st.mode);
        assertThat(back.mark).isEqualTo(st.mark);
        assertThat(back.runs).isEqualTo(st.runs);
        assertThat(back.after).isEqualTo(st.after);
        assertThat(back.posTime).isEqualTo(st.posTime);
        assertThat(back.posId).isEqualTo(st.posId);
        assertThat(back.known).isEqualTo(st.known);
        assertThat(back.seen).isEqualTo(st.seen);
    }
}
