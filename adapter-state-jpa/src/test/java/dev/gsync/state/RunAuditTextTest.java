package dev.gsync.state;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunAuditTextTest {
    private static final UserId ANN = UserId.of("ann");
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    private static RunAudit run(int created, int failed) {
        return new RunAudit(ANN, START, START.plusSeconds(60), "PARTIAL", Option.none(),
                List.range(0, failed).map(i -> RunAudit.Entry.failed("failed-google", "CRM:18x" + i, "quota exceeded"))
                        .appendAll(List.range(0, created).map(i -> RunAudit.Entry.done("created-google", "CRM:19x" + i)
                                .about(Option.some("Offer \"" + i + "\" ☕"), Option.some("R1 new in the CRM")))),
                List.of(new RunAudit.Skipped("skipped-google", "it lies outside the sync horizon [R7 out of scope]", 100_000, List.of("CRM:1"))), 0);
    }

    @Test
    void a_run_that_fits_is_stored_whole_and_read_back() {
        RunAudit run = run(10, 2);

        String text = RunAuditText.write(run, 100_000);

        assertThat(RunAuditText.read(ANN, run.started(), run.finished(), text).get()).isEqualTo(run);
    }

    @Test
    void a_run_too_large_keeps_its_failures_and_skip_groups_and_counts_what_it_left_out() {
        RunAudit run = run(20_000, 30);

        String text = RunAuditText.write(run, 64 * 1024);
        RunAudit back = RunAuditText.read(ANN, run.started(), run.finished(), text).get();

        assertThat(text.length()).isLessThanOrEqualTo(64 * 1024);
        assertThat(back.entries().filter(e -> e.outcome() == RunAudit.Outcome.FAILED)).hasSize(30);
        assertThat(back.skipped()).isEqualTo(run.skipped());
        assertThat(back.entries().size() + back.omitted()).isEqualTo(20_030);
        assertThat(back.omitted()).isPositive();
    }

    @Test
    void a_stored_run_of_format_2_is_still_read_without_titles_and_rules() {
        String v2 = "{\"format\":2,\"outcome\":\"COMPLETED\",\"problem\":null,\"entries\":"
                + "[{\"action\":\"created-google\",\"item\":\"CRM:1\",\"outcome\":\"DONE\",\"reason\":null}],\"skipped\":[],\"omitted\":0}";

        RunAudit back = RunAuditText.read(ANN, START, START, v2).get();

        assertThat(back.entries()).containsExactly(RunAudit.Entry.done("created-google", "CRM:1"));
    }

    @Test
    void a_stored_run_of_format_1_is_still_read() {
        String v1 = "{\"format\":1,\"outcome\":\"COMPLETED\",\"problem\":null,\"entries\":"
                + "[{\"action\":\"skipped-crm\",\"item\":\"GOOGLE:a\",\"outcome\":\"SKIPPED\",\"reason\":\"private event\"}]}";

        RunAudit back = RunAuditText.read(ANN, START, START, v1).get();

        assertThat(back.entries()).containsExactly(RunAudit.Entry.skipped("skipped-crm", "GOOGLE:a", "private event"));
        assertThat(back.skipped()).isEmpty();
    }
}
