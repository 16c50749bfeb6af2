package dev.gsync.emulator;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.tasks.Tasks;

import java.io.IOException;

/** The real Google clients, pointed at the emulator with a bearer token. */
final class GoogleClients {
    static final NetHttpTransport TRANSPORT = new NetHttpTransport();
    static final GsonFactory JSON = GsonFactory.getDefaultInstance();

    private GoogleClients() {}

    static Calendar calendar(GoogleEmulator google, String accessToken) {
        return new Calendar.Builder(TRANSPORT, JSON, bearer(accessToken)).setRootUrl(google.rootUrl())
                .setApplicationName("gsync-emulator-tests").build();
    }

    static Calendar calendar(GoogleEmulator google, HttpRequestInitializer initializer) {
        return new Calendar.Builder(TRANSPORT, JSON, initializer).setRootUrl(google.rootUrl())
                .setApplicationName("gsync-emulator-tests").build();
    }

    static Tasks tasks(GoogleEmulator google, String accessToken) {
        return new Tasks.Builder(TRANSPORT, JSON, bearer(accessToken)).setRootUrl(google.rootUrl())
                .setApplicationName("gsync-emulator-tests").build();
    }

    private static HttpRequestInitializer bearer(String accessToken) {
        return request -> request.getHeaders().setAuthorization("Bearer " + accessToken);
    }

    /** A one-hour meeting starting at the given RFC 3339 time. */
    static Event meeting(String summary, String start) {
        DateTime from = new DateTime(start);
        DateTime to = new DateTime(from.getValue() + 3_600_000L, from.getTimeZoneShift());
        return new Event().setSummary(summary).setStart(new EventDateTime().setDateTime(from))
                .setEnd(new EventDateTime().setDateTime(to));
    }

    /** The status of a request the client turned into an exception. */
    static GoogleJsonResponseException failure(IORunnable call) {
        try {
            call.run();
        } catch (GoogleJsonResponseException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a Google error answer, got " + e, e);
        }
        throw new AssertionError("expected the call to fail");
    }

    interface IORunnable { void run() throws IOException; }
}
