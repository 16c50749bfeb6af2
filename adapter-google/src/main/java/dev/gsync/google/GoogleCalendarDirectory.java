package dev.gsync.google;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;

import java.io.IOException;

/**
 * The calendars a user sees in Google (calendarList.list, scope calendar.calendarlist.readonly): what the settings
 * page offers, with each calendar's access role and colour. The role is the user's own on that calendar and can
 * change at any time (an owner may downgrade a share to reader), so callers read it again when it matters.
 */
public final class GoogleCalendarDirectory {
    /** The roles that may write events (Google's accessRole values; "reader" and "freeBusyReader" may not). */
    private static final Seq<String> WRITING_ROLES = List.of("owner", "writer");

    /** One calendar as the user sees it: {@code colour} is Google's background colour ("#9fe1e7"), may be empty. */
    public record Entry(String id, String summary, String accessRole, String colour, boolean primary) {
        public boolean writable() {
            return WRITING_ROLES.contains(accessRole);
        }
    }

    /** One Google Tasks list: the settings page offers these (issue 12). */
    public record TaskListEntry(String id, String title) {}

    private final GoogleConfig config;
    private final GoogleAuthorization authorization;
    private final HttpTransport transport;
    private final JsonFactory json;

    public GoogleCalendarDirectory(GoogleConfig config, GoogleAuthorization authorization, HttpTransport transport, JsonFactory json) {
        this.config = config;
        this.authorization = authorization;
        this.transport = transport;
        this.json = json;
    }

    /** Every calendar on the user's list, primary first, then by name. Left: why they could not be read. */
    public Either<String, Seq<Entry>> calendarsOf(UserId user) {
        Option<Credential> credential = authorization.credential(user);
        if (credential.isEmpty()) return Either.left("Google is not linked");
        Calendar calendar = new Calendar.Builder(transport, json, request -> {
            credential.get().initialize(request);
            request.setConnectTimeout(20_000);
            request.setReadTimeout((int) config.readTimeout().toMillis());
        }).setRootUrl(config.calendarRootUrl()).setApplicationName(config.applicationName()).build();
        List<Entry> entries = List.empty();
        String pageToken = null;
        try {
            for (int page = 0; page < 100; page++) {   // 250 a page: far more calendars than anyone has
                CalendarList list = calendar.calendarList().list().setMaxResults(250).setPageToken(pageToken).execute();
                for (CalendarListEntry e : Option.of(list.getItems()).getOrElse(java.util.List.of()))
                    entries = entries.append(new Entry(e.getId(), Option.of(e.getSummaryOverride()).orElse(Option.of(e.getSummary())).getOrElse(e.getId()),
                            Option.of(e.getAccessRole()).getOrElse("none"), Option.of(e.getBackgroundColor()).getOrElse(""),
                            Boolean.TRUE.equals(e.getPrimary())));
                pageToken = list.getNextPageToken();
                if (pageToken == null) break;
            }
        } catch (GoogleJsonResponseException refused) {
            return Either.left("Google refused the calendar list (" + refused.getStatusCode() + ")");
        } catch (IOException e) {
            return Either.left("Google unreachable: " + e.getClass().getSimpleName());
        }
        return Either.right(entries.sortBy(e -> (e.primary() ? "0" : "1") + e.summary().toLowerCase(java.util.Locale.ROOT)));
    }

    /** Every task list of the user (tasklists.list), in Google's order (the default list first). */
    public Either<String, Seq<TaskListEntry>> taskListsOf(UserId user) {
        Option<Credential> credential = authorization.credential(user);
        if (credential.isEmpty()) return Either.left("Google is not linked");
        com.google.api.services.tasks.Tasks tasks = new com.google.api.services.tasks.Tasks.Builder(transport, json, request -> {
            credential.get().initialize(request);
            request.setConnectTimeout(20_000);
            request.setReadTimeout((int) config.readTimeout().toMillis());
        }).setRootUrl(config.tasksRootUrl()).setApplicationName(config.applicationName()).build();
        List<TaskListEntry> entries = List.empty();
        String pageToken = null;
        try {
            for (int page = 0; page < 100; page++) {
                com.google.api.services.tasks.model.TaskLists lists = tasks.tasklists().list().setMaxResults(100).setPageToken(pageToken).execute();
                for (com.google.api.services.tasks.model.TaskList l : Option.of(lists.getItems()).getOrElse(java.util.List.of()))
                    entries = entries.append(new TaskListEntry(l.getId(), Option.of(l.getTitle()).getOrElse(l.getId())));
                pageToken = lists.getNextPageToken();
                if (pageToken == null) break;
            }
        } catch (GoogleJsonResponseException refused) {
            return Either.left("Google refused the task lists (" + refused.getStatusCode() + ")");
        } catch (IOException e) {
            return Either.left("Google unreachable: " + e.getClass().getSimpleName());
        }
        return Either.right(entries);
    }
}
