package dev.gsync.core.model;

import dev.gsync.core.fixtures.Items;
import dev.gsync.core.fixtures.World;
import io.vavr.collection.HashSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsProperties {

    @Provide
    Arbitrary<CalendarItem> items() {
        return Items.items(World.TOMORROW);
    }

    @Provide
    Arbitrary<Items.Edit> edits() {
        return Items.edits();
    }

    @Property
    void fingerprints_survive_their_text_form(@ForAll("items") CalendarItem item) {
        Fingerprints fp = Fingerprints.of(item, HashSet.of(Field.values()));

        assertThat(Fingerprints.decode(fp.encode()).get()).isEqualTo(fp);
    }

    @Property
    void an_item_is_unchanged_against_its_own_fingerprints_and_an_edit_shows_in_exactly_the_fields_it_touched(
            @ForAll("items") CalendarItem item, @ForAll("edits") Items.Edit edit) {
        Fingerprints fp = Fingerprints.of(item, HashSet.of(Field.values()));
        CalendarItem edited = edit.change().apply(item);

        for (Field f : Field.values()) {
            assertThat(fp.changed(f, item)).isFalse();
            assertThat(fp.changed(f, edited)).as(f + " after " + edit).isEqualTo(!item.canonical(f).equals(edited.canonical(f)));
        }
    }
}
