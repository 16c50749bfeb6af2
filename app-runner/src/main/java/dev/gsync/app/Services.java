package dev.gsync.app;

import dev.gsync.app.config.AppConfig;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CredentialStore;
import dev.gsync.core.port.SyncStateStore;
import io.vavr.collection.Seq;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * What the commands and the web server work with, once assembled. {@code close} releases the databases.
 */
public record Services(AppConfig config, UserSync userSync, SyncStateStore store, CredentialStore credentials,
                       GoogleAccounts accounts, GoogleClientSettings googleClient, RunLog runLog,
                       DataSource stateDataSource, Clock clock, WebAddress webAddress, com.google.inject.Injector injector, AutoCloseable resources) implements AutoCloseable {

    /** The users gsync knows: everyone with saved settings (saved on linking or on the settings page). */
    public Seq<UserId> users() {
        return store.users().filter(u -> !u.equals(GoogleClientSettings.SYSTEM)).distinct().sorted();
    }

    @Override
    public void close() throws Exception {
        resources.close();
    }
}
