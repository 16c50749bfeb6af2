package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A {@link dev.gsync.core.model.Link}; unique per (user, CRM id) by key and per (user, Google id) by constraint. */
@Entity
@Table(name = "link")
@IdClass(LinkRow.Key.class)
class LinkRow {
    @Id @Column(name = "user_id") String userId;
    @Id @Column(name = "crm_id") String crmId;
    @Column(name = "google_id") String googleId;
    @Column(name = "kind") String kind;
    @Column(name = "origin") String origin;
    @Column(name = "crm_version") String crmVersion;
    @Column(name = "google_version") String googleVersion;
    @Column(name = "crm_base") String crmBase;
    @Column(name = "google_base") String googleBase;

    public static class Key implements Serializable {
        String userId;
        String crmId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && userId.equals(k.userId) && crmId.equals(k.crmId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, crmId);
        }
    }
}
