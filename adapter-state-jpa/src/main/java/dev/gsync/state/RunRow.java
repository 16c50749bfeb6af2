package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One run of one user in the audit trail; {@code report} is {@link RunAuditText} JSON. */
@Entity
@Table(name = "run")
class RunRow {
    @Id @Column(name = "run_id") String runId;
    @Column(name = "user_id") String userId;
    @Column(name = "started_at") long startedAt;
    @Column(name = "finished_at") long finishedAt;
    @Column(name = "counts") String counts;
    @Column(name = "report") String report;
}
