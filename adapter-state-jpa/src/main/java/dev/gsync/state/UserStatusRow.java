package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_status")
class UserStatusRow {
    @Id @Column(name = "user_id") String userId;
    @Column(name = "last_run_at") Long lastRunAt;
    @Column(name = "last_error") String lastError;
    @Column(name = "reauth_reason") String reauthReason;
    @Column(name = "last_counts") String lastCounts;
    @Column(name = "updated_at") long updatedAt;
}
