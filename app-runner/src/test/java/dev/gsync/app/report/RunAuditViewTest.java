package dev.gsync.app.report;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunAuditViewTest {
    private static final Instant START = Instant.parse("2026-12-04T17:00:00.123Z");

    private static RunAudit run() {
        return new RunAudit(UserId.of("alice"), START, START.plusMillis(250), "PARTIAL", Option.none(), List.of(
                RunAudit.Entry.done("created-google", "CRM:12x345").about(Option.some("Offer review"), Option.some("R1 new in the CRM")),
                RunAudit.Entry.failed("updated-crm", "GOOGLE:abc", "403 forbidden").about(Option.some("Team <lunch>"), Option.some("R3 changed on GOOGLE")),
                RunAudit.Entry.skipped("skipped-google", "CRM:12x1", "it lies outside the sync horizon [R7]"),
                RunAudit.Entry.skipped("skipped-google", "CRM:12x2", "it lies outside the sync horizon [R7]"),
                RunAudit.Entry.skipped("skipped-crm", "GOOGLE:x", "private [P1]")));
    }

    @Test
    void writes_and_failures_are_listed_item_by_item_and_skips_summarised_per_reason() {
        String text = RunAuditView.text(run());

        assertThat(text).startsWith("Run 2026-12-04T17:00:00.123Z of alice: PARTIAL, took 250 ms");
        assertThat(text).containsPattern("DONE +created-google +CRM +12x345 \"Offer review\" \\[R1 new in the CRM\\]");
        assertThat(text).containsPattern("FAILED +updated-crm +GOOGLE +abc \"Team <lunch>\" \\[R3 changed on GOOGLE\\]  – 403 forbidden");
        assertThat(text).containsPattern("2 × skipped-google +it lies outside the sync horizon \\[R7\\]  \\(e.g. CRM:12x1, CRM:12x2\\)");
        assertThat(RunAuditView.skips(run()).head().count()).isEqualTo(2);
    }

    @Test
    void skip_groups_stored_with_the_run_are_shown_with_their_count_and_samples() {
        RunAudit grouped = new RunAudit(UserId.of("alice"), START, START, "COMPLETED", Option.none(), List.empty(),
                List.of(new RunAudit.Skipped("skipped-crm", "private [P1]", 40, List.of("GOOGLE:a", "GOOGLE:b"))), 3);

        String text = RunAuditView.text(grouped);

        assertThat(text).containsPattern("40 × skipped-crm +private \\[P1\\]  \\(e.g. GOOGLE:a, GOOGLE:b\\)");
        assertThat(text).contains("3 written items not stored");
    }

    @Test
    void a_run_is_found_by_its_id_with_or_without_milliseconds() {
        assertThat(RunAuditView.isRun(run(), "2026-12-04T17:00:00.123Z")).isTrue();
        assertThat(RunAuditView.isRun(run(), "2026-12-04T17:00:00Z")).isTrue();
        assertThat(RunAuditView.isRun(run(), "2026-12-04T17:00:01Z")).isFalse();
    }

    @Test
    void json_keeps_every_item_and_each_skip_group() {
        String json = RunAuditView.json(List.of(run()));

        assertThat(json).contains("\"run\" : \"2026-12-04T17:00:00.123Z\"").contains("\"reason\" : \"403 forbidden\"")
                .contains("\"title\" : \"Offer review\"").contains("\"rule\" : \"R1 new in the CRM\"")
                .contains("\"count\" : 2");
    }
}
