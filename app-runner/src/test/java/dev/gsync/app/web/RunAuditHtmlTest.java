package dev.gsync.app.web;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.RunAudit;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RunAuditHtmlTest {
    @Test
    void each_item_of_the_last_runs_shows_its_title_and_rule_escaped() {
        Instant start = Instant.parse("2026-12-04T17:00:00Z");
        RunAudit run = new RunAudit(UserId.of("alice"), start, start.plusSeconds(1), "COMPLETED", Option.none(), List.of(
                RunAudit.Entry.done("created-google", "CRM:12x345").about(Option.some("Team <lunch>"), Option.some("R1 new in the CRM"))));

        String html = RunAuditHtml.lastRuns(List.of(run));

        assertThat(html).contains("<td class=\"title\">Team &lt;lunch&gt;</td><td class=\"rule\">R1 new in the CRM</td>");
    }
}
