package dev.gsync.google;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import dev.gsync.core.port.Cursor;
import io.vavr.control.Either;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the core keeps for us between calls, as JSON inside an opaque {@link Cursor}:
 * <ul>
 *   <li>{@code syncTokens}: per calendar, the sync token of its last complete listing;
 *   <li>{@code source}/{@code pageToken}/{@code query}: where a round of listing stands ("cal:&lt;id&gt;" or "tasks")
 *       and the exact query its page token belongs to (a page token must be used with the same query);
 *   <li>{@code tasksMarks}: per task list ("tasks:&lt;list&gt;" sources), the latest {@code updated} time seen (Tasks
 *       has no sync token), and
 *       {@code tasksSeen}: the ids and {@code updated} times already reported near that mark, so the overlap of
 *       the next poll does not report them twice.
 * </ul>
 * Fields are nullable because this is a wire format; the class is used only inside {@link GoogleApiCalendar}.
 */
final class GoogleCursor {
    private static final Gson GSON = new Gson();

    Map<String, String> syncTokens = new LinkedHashMap<>();
    String source;
    String pageToken;
    String query;
    /** Before task lists could be chosen: the one list's mark; read as every list's until each has its own. */
    String tasksMark;
    Map<String, String> tasksMarks = new LinkedHashMap<>();
    Map<String, String> tasksSeen = new LinkedHashMap<>();

    static Either<String, GoogleCursor> decode(Cursor cursor) {
        if (cursor.isStart()) return Either.right(new GoogleCursor());
        try {
            GoogleCursor decoded = GSON.fromJson(cursor.value(), GoogleCursor.class);
            if (decoded == null) return Either.left("empty cursor");
            if (decoded.syncTokens == null) decoded.syncTokens = new LinkedHashMap<>();
            if (decoded.tasksSeen == null) decoded.tasksSeen = new LinkedHashMap<>();
            if (decoded.tasksMarks == null) decoded.tasksMarks = new LinkedHashMap<>();
            return Either.right(decoded);
        } catch (JsonParseException e) {
            return Either.left("unreadable Google cursor: " + e.getMessage());
        }
    }

    Cursor encode() {
        return new Cursor(GSON.toJson(this));
    }

    GoogleCursor copy() {
        GoogleCursor c = new GoogleCursor();
        c.syncTokens = new LinkedHashMap<>(syncTokens);
        c.source = source;
        c.pageToken = pageToken;
        c.query = query;
        c.tasksMark = tasksMark;
        c.tasksSeen = new LinkedHashMap<>(tasksSeen);
        c.tasksMarks = new LinkedHashMap<>(tasksMarks);
        return c;
    }
}
