package dev.gsync.state;

import dev.gsync.core.model.ConflictPolicy;
import dev.gsync.core.model.Horizon;
import dev.gsync.core.model.HourWindow;
import dev.gsync.core.model.ItemKind;
import dev.gsync.core.model.PrivateEvents;
import dev.gsync.core.model.PrivateLanding;
import dev.gsync.core.model.SyncDirection;
import dev.gsync.core.model.SyncSettings;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Either;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTextProperties {

    @Property(tries = 300)
    void valid_settings_survive_the_round_trip(@ForAll("settings") SyncSettings settings) {
        assertThat(SettingsText.read(SettingsText.write(settings))).isEqualTo(Either.right(settings));
    }

    @Property(tries = 300)
    void any_text_is_read_as_settings_or_a_reason_never_an_exception(@ForAll String text) {
        Either<String, SyncSettings> read = SettingsText.read(text);

        assertThat(read.isLeft() ? read.getLeft() : "parsed").isNotBlank();
    }

    @Property(tries = 300)
    void a_bad_value_is_reported_with_its_field(@ForAll("settings") SyncSettings settings,
                                               @ForAll("textFields") String field, @ForAll @IntRange(max = 2) int variant) {
        String bad = List.of("\"bogus\"", "null", "\"\"").get(variant);
        String text = SettingsText.write(settings).replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + bad);

        assertThat(SettingsText.read(text).getLeft()).contains(field);
    }

    @Property(tries = 300)
    void settings_that_fail_validation_are_not_read_back(@ForAll("settings") SyncSettings settings) {
        String text = SettingsText.write(settings).replaceFirst("\"maxDeleteShare\":[^,}]*", "\"maxDeleteShare\":1.5");

        assertThat(SettingsText.read(text).getLeft()).contains("maxDeleteShare");
    }

    @Provide
    Arbitrary<String> textFields() {
        return Arbitraries.of("direction", "conflictPolicy", "privateEvents", "privateGoogleLandsAs", "hourWindow", "zone");
    }

    @Provide
    Arbitrary<SyncSettings> settings() {
        Arbitrary<LocalTime> times = Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
                .as(LocalTime::of);
        Arbitrary<HourWindow> windows = Combinators.combine(times, times).as(HourWindow::new);
        Arbitrary<ZoneId> zones = Arbitraries.of(ZoneId.getAvailableZoneIds()).map(ZoneId::of);
        Arbitrary<Horizon> horizons = Combinators.combine(Arbitraries.integers().between(0, 3650), Arbitraries.integers().between(1, 3650))
                .as(Horizon::new);
        Arbitrary<HashSet<ItemKind>> kinds = Arbitraries.of(ItemKind.class).set().ofMinSize(1).map(HashSet::ofAll);
        Arbitrary<List<String>> calendars = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank()).list().ofMinSize(1).ofMaxSize(3).map(List::ofAll);
        Arbitrary<Double> shares = Arbitraries.doubles().between(0.01, 1.0);
        Arbitrary<SyncSettings> enums = Combinators.combine(Arbitraries.of(SyncDirection.class), Arbitraries.of(ConflictPolicy.class),
                        Arbitraries.of(PrivateEvents.class), Arbitraries.of(PrivateLanding.class), zones)
                .as((d, c, p, l, z) -> SyncSettings.defaults(z).with(d).with(c).with(p).with(l));
        return Combinators.combine(enums, windows, Arbitraries.of(true, false), horizons, kinds, calendars, shares)
                .as((s, w, allDay, h, k, cal, share) -> s.with(w).withAllDayInScope(allDay).with(h).withKinds(k)
                        .withGoogleCalendars(cal).withMaxDeleteShare(share));
    }
}
