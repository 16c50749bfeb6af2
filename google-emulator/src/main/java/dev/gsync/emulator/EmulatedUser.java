package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gsync.emulator.CalendarData.EventRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One emulated Google account, for tests and the admin API: seed and read its data, and change it "as if
 * the user edited it in Google" (the change shows up in sync tokens and updatedMin polls like any other).
 * Resources go in and out as JSON text in Google's wire format, so a test can parse them with the Google
 * client's own JSON factory ({@code GsonFactory.getDefaultInstance().fromString(json, Event.class)}).
 */
public final class EmulatedUser {
    private final GoogleEmulator emulator;
    private final EmulatorState state;
    private final String email;

    EmulatedUser(GoogleEmulator emulator, EmulatorState state, String email) {
        this.emulator = emulator;
        this.state = state;
        this.email = email;
    }

    /** Access and refresh token of a grant made as if the user had consented. */
    public record Tokens(String accessToken, String refreshToken, long expiresInSeconds) {}

    public String email() { return email; }

    /** Google uses the account's e-mail address as the primary calendar's id. */
    public String primaryCalendarId() { return email; }

    /** A fresh access token covering Calendar and Tasks. */
    public String accessToken() { return tokens(GoogleEmulator.ALL_SCOPES).accessToken(); }

    /** A grant for {@link GoogleEmulator#TEST_CLIENT_ID}. */
    public Tokens tokens(Set<String> scopes) { return tokens(GoogleEmulator.TEST_CLIENT_ID, scopes); }

    /** A grant for the given OAuth client: the refresh token only works with that client id. */
    public Tokens tokens(String clientId, Set<String> scopes) {
        ObjectNode answer = emulator.issueTokens(email, clientId, scopes);
        return new Tokens(answer.get("access_token").asText(), answer.get("refresh_token").asText(),
                answer.get("expires_in").asLong());
    }

    /** Revokes every grant of this user (as removing the app's access in the Google account would). */
    public int revokeGrants() { return emulator.grants().revokeUser(email); }

    /** Makes this user's access tokens expire now; refresh tokens stay valid. */
    public void expireAccessTokens() { emulator.grants().expireAccessTokens(email, state.now()); }

    /** Every sync token of this user's calendars now answers 410 fullSyncRequired. */
    public void expireSyncTokens() {
        synchronized (state) {
            account().calendarRoles.keySet().forEach(id -> state.calendars.get(id).tokenEpoch++);
        }
    }

    // ---- calendars -----------------------------------------------------------------------------------

    /** A new secondary calendar owned by this user; returns its id. */
    public String addCalendar(String summary) {
        synchronized (state) {
            return state.addCalendar(account(), summary, null).id;
        }
    }

    /** Shares one of this user's calendars with another account (role: reader, writer or owner). */
    public void shareCalendar(String calendarId, String withEmail, String role) {
        synchronized (state) {
            CalendarData calendar = calendar(calendarId);
            state.account(withEmail).calendarRoles.put(calendar.id, role);
        }
    }

    public List<String> calendarIds() {
        synchronized (state) {
            return List.copyOf(account().calendarRoles.keySet());
        }
    }

    /** Every stored event of the calendar, cancelled ones included, as Google JSON. */
    public List<String> events(String calendarId) {
        synchronized (state) {
            List<String> result = new ArrayList<>();
            calendar(calendarId).events.values().forEach(record -> result.add(Json.write(record.resource)));
            return result;
        }
    }

    /** How many events the calendar stores, cancelled ones included: a cheap progress count for tests. */
    public int eventCount(String calendarId) {
        synchronized (state) {
            return calendar(calendarId).events.size();
        }
    }

    public Optional<String> event(String calendarId, String eventId) {
        synchronized (state) {
            EventRecord record = calendar(calendarId).events.get(eventId);
            return Optional.ofNullable(record).map(r -> Json.write(r.resource));
        }
    }

    /** Adds an event as if the user created it in Google; may carry an id, recurrence, or exception fields. */
    public String seedEvent(String calendarId, String eventJson) {
        synchronized (state) {
            return Json.write(CalendarApi.insert(state, calendar(calendarId), email, Json.parseObject(eventJson), true));
        }
    }

    /** Patches an event as if the user edited it in Google (an occurrence id creates an exception). */
    public String editEvent(String calendarId, String eventId, String patchJson) {
        synchronized (state) {
            CalendarData calendar = calendar(calendarId);
            EventRecord record = CalendarApi.existingOrException(state, calendar, eventId);
            return Json.write(CalendarApi.write(state, calendar, record, Json.parseObject(patchJson), true));
        }
    }

    /** Deletes an event as if the user deleted it in Google (it becomes a cancelled tombstone). */
    public void deleteEvent(String calendarId, String eventId) {
        synchronized (state) {
            CalendarData calendar = calendar(calendarId);
            EventRecord record = CalendarApi.existingOrException(state, calendar, eventId);
            if (!record.cancelled()) CalendarApi.delete(state, calendar, record);
        }
    }

    // ---- tasks ---------------------------------------------------------------------------------------

    public String defaultTaskListId() {
        synchronized (state) {
            return account().defaultTaskListId();
        }
    }

    public String addTaskList(String title) {
        synchronized (state) {
            return state.addTaskList(account(), title).id;
        }
    }

    /** Every task of the list, deleted and hidden ones included, as Google JSON. */
    public List<String> tasks(String taskListId) {
        synchronized (state) {
            List<String> result = new ArrayList<>();
            taskList(taskListId).tasks.values().forEach(task -> result.add(Json.write(task)));
            return result;
        }
    }

    /** How many tasks the list stores, deleted and hidden ones included: a cheap progress count for tests. */
    public int taskCount(String taskListId) {
        synchronized (state) {
            return taskList(taskListId).tasks.size();
        }
    }

    public Optional<String> task(String taskListId, String taskId) {
        synchronized (state) {
            return Optional.ofNullable(taskList(taskListId).tasks.get(taskId)).map(Json::write);
        }
    }

    public String seedTask(String taskListId, String taskJson) {
        synchronized (state) {
            return Json.write(TasksApi.insert(state, taskList(taskListId), Json.parseObject(taskJson)));
        }
    }

    public String editTask(String taskListId, String taskId, String patchJson) {
        synchronized (state) {
            ObjectNode task = existingTask(taskListId, taskId);
            TasksApi.apply(state, task, Json.parseObject(patchJson), true);
            return Json.write(task);
        }
    }

    /** A subtask of {@code parentId}, as a Google app makes it (tasks.insert with {@code parent}). */
    public String seedSubtask(String taskListId, String parentId, String taskJson) {
        synchronized (state) {
            existingTask(taskListId, parentId);
            ObjectNode task = TasksApi.insert(state, taskList(taskListId), Json.parseObject(taskJson));
            task.put("parent", parentId);
            return Json.write(task);
        }
    }

    /** tasks.move to another list, as a user dragging a task there does; the task keeps its id. */
    public String moveTask(String taskListId, String taskId, String destinationTaskListId) {
        synchronized (state) {
            return Json.write(TasksApi.move(state, account(), taskList(taskListId), existingTask(taskListId, taskId), destinationTaskListId, null));
        }
    }

    /** "Clear completed" (tasks.clear): the list's completed tasks become hidden. */
    public void clearCompleted(String taskListId) {
        synchronized (state) {
            TasksApi.clear(state, taskList(taskListId));
        }
    }

    public void deleteTask(String taskListId, String taskId) {
        synchronized (state) {
            TasksApi.delete(state, existingTask(taskListId, taskId));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private Account account() { return state.account(email); }

    private CalendarData calendar(String calendarId) {
        String id = "primary".equals(calendarId) ? email : calendarId;
        if (!account().calendarRoles.containsKey(id)) throw new IllegalArgumentException(email + " has no calendar " + calendarId);
        return state.calendars.get(id);
    }

    private TaskListData taskList(String taskListId) {
        String id = "@default".equals(taskListId) ? account().defaultTaskListId() : taskListId;
        if (!account().taskListIds.contains(id)) throw new IllegalArgumentException(email + " has no task list " + taskListId);
        return state.taskLists.get(id);
    }

    private ObjectNode existingTask(String taskListId, String taskId) {
        ObjectNode task = taskList(taskListId).tasks.get(taskId);
        if (task == null) throw new IllegalArgumentException("no task " + taskId + " in " + taskListId);
        return task;
    }
}
