package dev.gsync.core.model;

import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class SyncSettingsTest {

    @Test
    void the_defaults_are_valid_and_land_private_google_events_as_public() {
        SyncSettings defaults = SyncSettings.defaults();

        assertThat(SyncSettings.validate(defaults).isValid()).isTrue();
        assertThat(defaults.privateGoogleLandsAs()).isEqualTo(PrivateLanding.PUBLIC);
        assertThat(defaults.hourWindow().isWholeDay()).isTrue();
    }

    @Test
    void every_bad_field_is_named_at_once() {
        SyncSettings bad = SyncSettings.defaults().with(new Horizon(-1, 10)).withKinds(HashSet.empty())
                .withGoogleCalendars(List.empty()).withMaxDeleteShare(0);

        var problems = SyncSettings.validate(bad).getError();

        assertThat(problems.map(p -> p.substring(0, p.indexOf(':')))).containsExactly(
                "horizon.daysBack", "kinds", "googleCalendars", "maxDeleteShare");
    }

    @Test
    void an_hour_window_is_parsed_or_explained() {
        assertThat(HourWindow.parse("22:00-06:30").get()).isEqualTo(new HourWindow(LocalTime.of(22, 0), LocalTime.of(6, 30)));
        assertThat(HourWindow.parse("22:00-06:30").get().wrapsMidnight()).isTrue();
        assertThat(HourWindow.parse("8 to 6").getLeft()).contains("expected HH:MM-HH:MM");
        assertThat(HourWindow.parse("25:00-06:00").getLeft()).contains("bad hour window");
    }
}
