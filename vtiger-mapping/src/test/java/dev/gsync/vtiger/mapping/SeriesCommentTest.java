package dev.gsync.vtiger.mapping;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The series comment the REST transport writes is read back, and stripped for both transports. */
class SeriesCommentTest {
    private static final VtigerSeries.Rule RULE = new VtigerSeries.Rule(LocalDateTime.parse("2026-03-17T09:00:00"),
            ZoneId.of("America/New_York"), false, "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630T000000Z");

    @Test
    void a_member_description_gives_back_its_text_key_series_and_rule() {
        String stored = VtigerText.htmlForStore("<p>Agenda</p>" + VtigerText.seriesComment("s4711", RULE.encode()) + VtigerText.marker("google:abc"));

        VtigerText.Split split = VtigerText.splitMarker(VtigerText.htmlFromStore(stored));

        assertThat(split.text()).isEqualTo("<p>Agenda</p>");
        assertThat(split.key()).contains("google:abc");
        assertThat(split.seriesTag().flatMap(VtigerText::seriesOf).map(t -> t._1)).contains("s4711");
        assertThat(split.seriesTag().flatMap(VtigerText::seriesOf).flatMap(t -> VtigerSeries.Rule.decode(t._2))).contains(RULE);
        assertThat(stored).contains(VtigerText.seriesCore("s4711")).contains(VtigerText.markerCore("google:abc"));
    }

    @Test
    void a_description_tripping_vtigers_script_filter_keeps_both_comments_readable() {
        String text = "see script in /script";
        String stored = VtigerText.htmlForStore("<b>" + text + "</b>" + VtigerText.seriesComment("s9", RULE.encode()) + VtigerText.marker("k"));

        VtigerText.Split split = VtigerText.splitMarker(VtigerText.htmlFromStore(stored));

        assertThat(stored).doesNotContain("<!--");   // stored escaped, as vtiger's filter would
        assertThat(split.text()).isEqualTo("<b>" + text + "</b>");
        assertThat(split.seriesTag().flatMap(VtigerText::seriesOf).map(t -> t._1)).contains("s9");
    }

    @Test
    void a_comment_at_the_end_without_a_marker_is_a_series_tag_too() {
        // the JDBC transport tags the records of a series made in vtiger's UI, which carry no idempotency key (D36)
        String text = "notes " + VtigerText.seriesComment("s1", RULE.encode());

        VtigerText.Split split = VtigerText.splitMarker(text);

        assertThat(split.text()).isEqualTo("notes ");
        assertThat(split.key()).isEmpty();
        assertThat(split.seriesTag().flatMap(VtigerText::seriesOf).map(t -> t._1)).contains("s1");
    }

    @Test
    void a_comment_in_the_middle_of_the_text_is_only_text() {
        String text = "notes " + VtigerText.seriesComment("s1", RULE.encode()) + " more";

        assertThat(VtigerText.splitMarker(text).seriesTag()).isEmpty();
        assertThat(VtigerText.splitMarker(text).text()).isEqualTo(text);
    }

    @Test
    void a_series_comment_is_replaced_keeping_text_and_marker() {
        String stored = VtigerText.htmlForStore("<p>Agenda</p>" + VtigerText.seriesComment("s4711", RULE.encode()) + VtigerText.marker("google:abc"));
        String other = VtigerText.seriesComment("s4711", new VtigerSeries.Rule(RULE.dbStart(), RULE.zone(), false, "FREQ=DAILY;COUNT=2").encode());

        String retagged = VtigerText.withSeriesComment(stored, io.vavr.control.Option.some(other));

        assertThat(retagged).isEqualTo("<p>Agenda</p>" + other + VtigerText.marker("google:abc"));
        assertThat(VtigerText.withSeriesComment("<p>UI text</p>", io.vavr.control.Option.some(other))).isEqualTo("<p>UI text</p>" + other);
        assertThat(VtigerText.withSeriesComment(retagged, io.vavr.control.Option.none())).isEqualTo("<p>Agenda</p>" + VtigerText.marker("google:abc"));
    }

    @Test
    void the_list_of_a_series_records_reads_back_in_ranges() {
        io.vavr.collection.SortedSet<Long> ids = io.vavr.collection.TreeSet.of(4711L, 4712L, 4713L, 4720L, 4722L, 4723L);
        String comment = VtigerSeries.Tag.firstComment(dev.gsync.core.model.ExternalId.of("s4711"), RULE, ids);
        String stored = VtigerText.htmlForStore("text" + comment + VtigerText.marker("k"));

        VtigerText.Split split = VtigerText.splitMarker(VtigerText.htmlFromStore(stored));

        assertThat(comment).contains(":m4711-4713,4720,4722-4723-->");
        assertThat(split.text()).isEqualTo("text");
        assertThat(split.seriesTag().flatMap(VtigerText::seriesMembersOf)).contains(ids);
        assertThat(split.seriesTag().flatMap(VtigerText::seriesOf).flatMap(t -> VtigerSeries.Rule.decode(t._2))).contains(RULE);
        assertThat(VtigerSeries.Tag.keepsList(4712, ids)).isTrue();
        assertThat(VtigerSeries.Tag.keepsList(4713, ids)).isFalse();
        assertThat(stored).contains(VtigerText.seriesCore("s4711"));
    }
}
