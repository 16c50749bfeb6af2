package dev.gsync.google;

import com.google.api.client.util.IOUtils;
import com.google.api.client.util.store.AbstractDataStore;
import com.google.api.client.util.store.DataStore;
import com.google.api.client.util.store.DataStoreFactory;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;

import java.io.IOException;
import java.io.Serializable;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Lets google-oauth-client keep its tokens in the core's {@link CredentialStore} (which encrypts them at rest):
 * data store {@code id}, key {@code k} becomes the secret named {@code google-oauth/<id>} of user {@code k}, holding the
 * Java-serialised value in Base64. The credential store cannot list its users, so neither can these data stores:
 * {@link DataStore#keySet()}, {@link DataStore#values()} and {@link DataStore#clear()} are unsupported (the OAuth flow
 * never calls them). Nothing here is ever logged.
 */
final class CredentialStoreDataStoreFactory implements DataStoreFactory {
    private final CredentialStore store;

    CredentialStoreDataStoreFactory(CredentialStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public <V extends Serializable> DataStore<V> getDataStore(String id) {
        return new Backed<>(this, id);
    }

    private final class Backed<V extends Serializable> extends AbstractDataStore<V> {
        private final String name;

        Backed(DataStoreFactory factory, String id) {
            super(factory, id);
            this.name = "google-oauth/" + id;
        }

        @Override
        public V get(String key) throws IOException {
            if (key == null) return null;
            var secret = store.load(UserId.of(key), name);
            if (secret.isEmpty()) return null;
            return IOUtils.deserialize(Base64.getDecoder().decode(secret.get()));
        }

        @Override
        public DataStore<V> set(String key, V value) throws IOException {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            store.save(UserId.of(key), name, Base64.getEncoder().encodeToString(IOUtils.serialize(value)));
            return this;
        }

        @Override
        public DataStore<V> delete(String key) {
            if (key != null) store.delete(UserId.of(key), name);
            return this;
        }

        @Override
        public boolean containsKey(String key) throws IOException {
            return get(key) != null;
        }

        @Override
        public Set<String> keySet() {
            throw new UnsupportedOperationException("the credential store cannot list its users");
        }

        @Override
        public Collection<V> values() {
            throw new UnsupportedOperationException("the credential store cannot list its users");
        }

        @Override
        public DataStore<V> clear() {
            throw new UnsupportedOperationException("the credential store cannot list its users");
        }

        @Override
        public String toString() {
            return "DataStore[" + name + "]";   // never the values
        }
    }
}
