package dev.gsync.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A sealed secret: never the plaintext (see {@link SecretCipher}). */
@Entity
@Table(name = "credential")
@IdClass(CredentialRow.Key.class)
class CredentialRow {
    @Id @Column(name = "user_id") String userId;
    @Id @Column(name = "name") String name;
    @Column(name = "key_id") String keyId;
    @Column(name = "sealed") String sealed;
    @Column(name = "updated_at") long updatedAt;

    public static class Key implements Serializable {
        String userId;
        String name;

        public Key() {
        }

        Key(String userId, String name) {
            this.userId = userId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && userId.equals(k.userId) && name.equals(k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, name);
        }
    }

    @Override
    public String toString() {
        return "CredentialRow[" + userId + "/" + name + ", keyId=" + keyId + "]";
    }
}
