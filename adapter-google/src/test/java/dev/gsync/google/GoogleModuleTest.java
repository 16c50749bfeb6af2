package dev.gsync.google;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import dev.gsync.core.port.CalendarFailure;
import dev.gsync.core.port.CredentialStore;
import dev.gsync.core.port.Cursor;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleModuleTest {
    private final GoogleConfig config = GoogleConfig.forGoogle("client", "s3cret-value", URI.create("https://gsync.example.com/oauth/callback"));

    private Injector injector() {
        return Guice.createInjector(new GoogleModule(config), new AbstractModule() {
            @Override
            protected void configure() {
                bind(CredentialStore.class).toInstance(new InMemoryCredentialStore());
                bind(Clock.class).toInstance(Clock.systemUTC());
            }
        });
    }

    @Test
    void the_module_builds_one_factory_and_one_authorization_for_everybody() {
        Injector injector = injector();

        assertThat(injector.getInstance(GoogleCalendars.class)).isSameAs(injector.getInstance(GoogleCalendars.class));
        assertThat(injector.getInstance(GoogleAuthorization.class).consentUrl(UserId.of("ann")).toString())
                .startsWith(GoogleConfig.AUTHORIZE_URL).contains("client_id=client");
        assertThat(injector.getInstance(GoogleCalendars.class).forUser(UserId.of("ann"), SyncSettings.defaults())
                .changesSince(Cursor.START).getLeft()).isInstanceOf(CalendarFailure.AuthorizationRequired.class);
    }

    @Test
    void the_configuration_never_prints_its_secret() {
        assertThat(config.toString()).doesNotContain("s3cret-value").contains("clientId=client");
    }
}
