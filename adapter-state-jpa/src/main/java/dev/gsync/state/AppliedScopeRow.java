package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's {@link dev.gsync.core.port.AppliedScope}; the horizon end as an ISO date. */
@Entity
@Table(name = "applied_scope")
class AppliedScopeRow {
    @Id @Column(name = "user_id") String userId;
    @Column(name = "settings") String settings;
    @Column(name = "horizon_end") String horizonEnd;
    @Column(name = "updated_at") long updatedAt;
}
