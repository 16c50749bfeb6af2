package dev.gsync.state;

import dev.gsync.core.port.RunAudit;
import dev.gsync.core.port.UserStatus;
import dev.gsync.core.model.ExternalId;
import dev.gsync.core.model.Side;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.ItemRef;
import dev.gsync.core.run.RunReport;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunReportsTest {
    private static final UserId ANN = UserId.of("ann");
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
    private static final ItemRef MEETING = new ItemRef(Side.CRM, ExternalId.of("18x1"));
    private static final ItemRef CALL = new ItemRef(Side.CRM, ExternalId.of("18x2"));
    private static final ItemRef LUNCH = new ItemRef(Side.GOOGLE, ExternalId.of("primary/abc"));

    private static RunReport report(RunReport.Outcome outcome, Option<String> problem, List<RunReport.Entry> entries) {
        return report(outcome, problem, entries, List.empty());
    }

    private static RunReport report(RunReport.Outcome outcome, Option<String> problem, List<RunReport.Entry> entries, List<RunReport.SkipGroup> skips) {
        return new RunReport(ANN, START, START.plusSeconds(4), false, outcome, problem, entries, skips, Option.none(), List.empty());
    }

    @Test
    void every_item_of_every_entry_becomes_an_audit_entry_and_skips_stay_grouped() {
        RunReport report = report(RunReport.Outcome.PARTIAL, Option.none(), List.of(
                new RunReport.Entry(RunReport.Action.CREATED, Side.GOOGLE, List.of(MEETING, CALL), "R1", Option.none(), 0, Option.some("Offer review")),
                new RunReport.Entry(RunReport.Action.FAILED, Side.GOOGLE, List.of(CALL), "R2", Option.none(), 0)),
                List.of(new RunReport.SkipGroup(Side.CRM, "R5", "private event", 1, List.of(LUNCH))));

        RunAudit audit = RunReports.audit(report);

        assertThat(audit.outcome()).isEqualTo("PARTIAL");
        assertThat(audit.entries()).containsExactly(
                RunAudit.Entry.done("created-google", "CRM:18x1").about(Option.some("Offer review"), Option.some("R1")),
                RunAudit.Entry.done("created-google", "CRM:18x2").about(Option.some("Offer review"), Option.some("R1")),
                RunAudit.Entry.failed("failed-google", "CRM:18x2", "rule R2").about(Option.none(), Option.some("R2")));
        assertThat(audit.skipped()).containsExactly(new RunAudit.Skipped("skipped-crm", "private event [R5]", 1, List.of("GOOGLE:primary/abc")));
        assertThat(audit.counts()).isEqualTo(TreeMap.of("created-google", 2, "skipped-crm SKIPPED", 1, "failed-google FAILED", 1));
    }

    @Test
    void a_run_needing_reauthorisation_marks_the_user_and_a_completed_one_clears_it() {
        RunReport revoked = report(RunReport.Outcome.NEEDS_REAUTHORISATION, Option.some("invalid_grant"), List.empty());
        RunReport fine = report(RunReport.Outcome.COMPLETED, Option.none(),
                List.of(new RunReport.Entry(RunReport.Action.UPDATED, Side.CRM, List.of(LUNCH), "R2", Option.none(), 1)));

        UserStatus marked = RunReports.statusAfter(revoked).apply(UserStatus.NEVER_RUN);
        UserStatus cleared = RunReports.statusAfter(fine).apply(marked);

        assertThat(marked.reauthorisationReason()).isEqualTo(Option.some("invalid_grant"));
        assertThat(marked.lastError()).isEqualTo(Option.some("invalid_grant"));
        assertThat(cleared.needsReauthorisation()).isFalse();
        assertThat(cleared.lastError().isEmpty()).isTrue();
        assertThat(cleared.lastRunAt()).isEqualTo(Option.some(START.plusSeconds(4)));
        assertThat(cleared.lastCounts().get("crm.updated")).isEqualTo(Option.some(1));
        assertThat(cleared.lastCounts().get("crm.conflicts")).isEqualTo(Option.some(1));
        assertThat(cleared.lastCounts().get("google.created")).isEqualTo(Option.some(0));
    }
}
