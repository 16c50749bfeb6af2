package dev.gsync.core.memory;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/** Secrets in memory only (never written anywhere): for tests and short-lived embedded use. */
public final class InMemoryCredentialStore implements CredentialStore {
    private Map<Tuple2<UserId, String>, String> secrets = HashMap.empty();

    @Override
    public synchronized Option<String> load(UserId user, String name) {
        return secrets.get(Tuple.of(user, name));
    }

    @Override
    public synchronized void save(UserId user, String name, String secret) {
        secrets = secrets.put(Tuple.of(user, name), secret);
    }

    @Override
    public synchronized void delete(UserId user, String name) {
        secrets = secrets.remove(Tuple.of(user, name));
    }
}
