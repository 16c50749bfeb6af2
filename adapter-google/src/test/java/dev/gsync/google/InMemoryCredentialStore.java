package dev.gsync.google;

import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import io.vavr.control.Option;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A credential store for tests: plain memory (the real one encrypts; that is not what these tests are about). */
final class InMemoryCredentialStore implements CredentialStore {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public Option<String> load(UserId user, String name) {
        return Option.of(secrets.get(user.value() + "\n" + name));
    }

    @Override
    public void save(UserId user, String name, String secret) {
        secrets.put(user.value() + "\n" + name, secret);
    }

    @Override
    public void delete(UserId user, String name) {
        secrets.remove(user.value() + "\n" + name);
    }

    int size() {
        return secrets.size();
    }
}
