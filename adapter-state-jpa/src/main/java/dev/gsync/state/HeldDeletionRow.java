package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's held deletion; its items as {@link HeldDeletionText} JSON. */
@Entity
@Table(name = "held_deletion")
class HeldDeletionRow {
    @Id @Column(name = "user_id") String userId;
    @Column(name = "held_at") long heldAt;
    @Column(name = "reason") String reason;
    @Column(name = "items") String items;
}
