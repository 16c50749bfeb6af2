package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One user's settings as {@link SettingsText} JSON. */
@Entity
@Table(name = "settings")
class SettingsRow {
    @Id @Column(name = "user_id") String userId;
    @Column(name = "body") String body;
    @Column(name = "updated_at") long updatedAt;
}
