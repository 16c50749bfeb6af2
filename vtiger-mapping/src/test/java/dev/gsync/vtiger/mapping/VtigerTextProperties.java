package dev.gsync.vtiger.mapping;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Text, marker and reminder laws against vtiger's own storage rules (its from_html and its seconds arithmetic). */
class VtigerTextProperties {
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
        assertThat(VtigerText.plainFromStore(fromHtml(VtigerText.plainForStore(text)))).isEqualTo(text);
    }

    @Property
    void html_survives_vtigers_storage_even_when_it_trips_the_script_filter(@ForAll("text") String html) {
        assertThat(VtigerText.htmlFromStore(fromHtml(VtigerText.htmlForStore(html)))).isEqualTo(html);
    }

    @Property
    void the_marker_comes_off_again_with_its_key(@ForAll("text") String description, @ForAll("text") String key) {
        net.jqwik.api.Assume.that(!key.isEmpty());

        VtigerText.Split split = VtigerText.splitMarker(VtigerText.htmlFromStore(fromHtml(VtigerText.htmlForStore(description + VtigerText.marker(key)))));

        assertThat(split.text()).isEqualTo(description);
        assertThat(split.key().get()).isEqualTo(key);
        assertThat(VtigerText.marker(key)).contains(VtigerText.markerCore(key));
    }

    @Property
    void a_reminder_reads_back_as_written_unless_it_is_one_past_a_whole_hour(@ForAll @IntRange(max = 100_000) int minutes) {
        long seconds = Long.parseLong(Reminders.webserviceSeconds(Reminders.storedMinutes(io.vavr.collection.List.of(minutes))));
        long m = (seconds / 60) % 60, h = (seconds / 3600) % 24, d = seconds / 86_400;   // vtiger's arithmetic
        long stored = d * 1440 + h * 60 + (m == 0 ? 1 : m);

        int read = Reminders.read(Long.toString(stored)).head();

        assertThat(read).isEqualTo(minutes % 60 == 1 ? minutes - 1 : minutes);
    }

    @Property
    void a_cut_text_fits_its_column_as_stored_and_is_a_start_of_the_text(@ForAll("text") String text, @ForAll @IntRange(min = 1, max = 30) int max) {
        String cut = VtigerText.cutToFit(text, max);

        assertThat(VtigerText.plainForStore(cut).length()).isLessThanOrEqualTo(max);
        assertThat(text).startsWith(cut);
    }
}
