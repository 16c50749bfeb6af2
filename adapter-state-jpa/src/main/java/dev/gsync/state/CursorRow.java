package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

@Entity
@Table(name = "cursor")
@IdClass(CursorRow.Key.class)
class CursorRow {
    @Id @Column(name = "user_id") String userId;
    @Id @Column(name = "side") String side;
    @Column(name = "cursor_value") String value;
    @Column(name = "updated_at") long updatedAt;

    public static class Key implements Serializable {
        String userId;
        String side;

        public Key() {
        }

        Key(String userId, String side) {
            this.userId = userId;
            this.side = side;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && userId.equals(k.userId) && side.equals(k.side);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, side);
        }
    }
}
