package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "pending")
@IdClass(PendingRow.Key.class)
class PendingRow {
    @Id @Column(name = "user_id") String userId;
    @Id @Column(name = "side") String side;
    @Id @Column(name = "item_id") String itemId;

    public static class Key implements Serializable {
        String userId;
        String side;
        String itemId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && userId.equals(k.userId) && side.equals(k.side) && itemId.equals(k.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, side, itemId);
        }
    }
}
