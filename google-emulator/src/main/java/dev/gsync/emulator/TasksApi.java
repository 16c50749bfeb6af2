package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gsync.emulator.Router.Access;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tasks v1: task lists and tasks. Google keeps only the date of `due` (read back as midnight UTC), sets
 * `completed` with the status, and flags deleted tasks instead of removing them. No sync tokens here:
 * clients poll with updatedMin.
 */
final class TasksApi {
    private static final String BASE = "/tasks/v1";
    private static final Set<String> READ_ONLY = Set.of("kind", "id", "etag", "updated", "selfLink", "parent", "position",
            "hidden", "links", "webViewLink", "assignmentInfo");

    void register(Router router) {
        router.add("GET", BASE + "/users/@me/lists", "tasks.tasklists.list", Access.TASKS_READ, this::listLists)
              .add("POST", BASE + "/users/@me/lists", "tasks.tasklists.insert", Access.TASKS_WRITE, this::insertList)
              .add("GET", BASE + "/users/@me/lists/{tasklist}", "tasks.tasklists.get", Access.TASKS_READ, c -> ApiResponse.ok(listJson(list(c))))
              .add("DELETE", BASE + "/users/@me/lists/{tasklist}", "tasks.tasklists.delete", Access.TASKS_WRITE, this::deleteList)
              .add("GET", BASE + "/lists/{tasklist}/tasks", "tasks.tasks.list", Access.TASKS_READ, this::listTasks)
              .add("POST", BASE + "/lists/{tasklist}/tasks", "tasks.tasks.insert", Access.TASKS_WRITE, this::insertTask)
              .add("POST", BASE + "/lists/{tasklist}/clear", "tasks.tasks.clear", Access.TASKS_WRITE, this::clear)
              .add("POST", BASE + "/lists/{tasklist}/tasks/{task}/move", "tasks.tasks.move", Access.TASKS_WRITE, this::move)
              .add("GET", BASE + "/lists/{tasklist}/tasks/{task}", "tasks.tasks.get", Access.TASKS_READ, c -> ApiResponse.ok(task(c)))
              .add("PUT", BASE + "/lists/{tasklist}/tasks/{task}", "tasks.tasks.update", Access.TASKS_WRITE, c -> writeTask(c, false))
              .add("PATCH", BASE + "/lists/{tasklist}/tasks/{task}", "tasks.tasks.patch", Access.TASKS_WRITE, c -> writeTask(c, true))
              .add("DELETE", BASE + "/lists/{tasklist}/tasks/{task}", "tasks.tasks.delete", Access.TASKS_WRITE, this::deleteTask);
    }

    // ---- task lists ----------------------------------------------------------------------------------

    private ApiResponse listLists(Call c) {
        int max = CalendarApi.pageSize(c.request(), 1000, 1000);
        int from = offset(c.request().param("pageToken"));
        List<String> ids = new ArrayList<>(c.account().taskListIds);
        ObjectNode page = Json.object().put("kind", "tasks#taskLists").put("etag", "\"" + c.state().currentSequence() + "\"");
        ArrayNode items = page.putArray("items");
        ids.stream().skip(from).limit(max).forEach(id -> items.add(listJson(c.state().taskLists.get(id))));
        if (from + max < ids.size()) page.put("nextPageToken", String.valueOf(from + max));
        return ApiResponse.ok(page);
    }

    private ApiResponse insertList(Call c) {
        ObjectNode body = Json.parseObject(c.request().body);
        String title = Json.text(body, "title");
        if (title == null || title.isBlank()) throw GoogleError.invalid("Invalid Value");
        return ApiResponse.ok(listJson(c.state().addTaskList(c.account(), title)));
    }

    private ApiResponse deleteList(Call c) {
        TaskListData list = list(c);
        c.account().taskListIds.remove(list.id);
        c.state().taskLists.remove(list.id);
        return ApiResponse.empty(204);
    }

    static ObjectNode listJson(TaskListData list) {
        return Json.object().put("kind", "tasks#taskList").put("id", list.id).put("etag", list.etag).put("title", list.title)
                .put("updated", Times.format(list.updated))
                .put("selfLink", "https://www.googleapis.com/tasks/v1/users/@me/lists/" + list.id);
    }

    private static TaskListData list(Call c) {
        String id = c.param("tasklist");
        if ("@default".equals(id)) id = c.account().defaultTaskListId();
        TaskListData list = c.state().taskLists.get(id);
        if (list == null || !c.account().taskListIds.contains(id)) throw GoogleError.notFound();
        return list;
    }

    // ---- tasks ----------------------------------------------------------------------------------------

    private ApiResponse listTasks(Call c) {
        TaskListData list = list(c);
        ApiRequest q = c.request();
        int max = CalendarApi.pageSize(q, 20, 100);
        boolean showDeleted = q.flag("showDeleted", false);
        boolean showHidden = q.flag("showHidden", false);
        boolean showCompleted = q.flag("showCompleted", true);
        Instant updatedMin = instantParam(q, "updatedMin");
        Instant dueMin = instantParam(q, "dueMin");
        Instant dueMax = instantParam(q, "dueMax");
        Instant completedMin = instantParam(q, "completedMin");
        Instant completedMax = instantParam(q, "completedMax");
        List<ObjectNode> wanted = new ArrayList<>();
        for (ObjectNode task : list.tasks.values()) {
            boolean completed = "completed".equals(Json.text(task, "status"));
            if (task.path("deleted").asBoolean(false) && !showDeleted) continue;
            if (task.path("hidden").asBoolean(false) && !showHidden) continue;
            if (completed && !showCompleted) continue;
            if (updatedMin != null && Instant.parse(task.get("updated").asText()).isBefore(updatedMin)) continue;
            Instant due = task.has("due") ? Instant.parse(task.get("due").asText()) : null;
            if (dueMin != null && (due == null || due.isBefore(dueMin))) continue;
            if (dueMax != null && (due == null || !due.isBefore(dueMax))) continue;
            Instant done = task.has("completed") ? Instant.parse(task.get("completed").asText()) : null;
            if (completedMin != null && (done == null || done.isBefore(completedMin))) continue;
            if (completedMax != null && (done == null || !done.isBefore(completedMax))) continue;
            wanted.add(task);
        }
        wanted.sort((a, b) -> a.get("position").asText().compareTo(b.get("position").asText()));
        int from = offset(q.param("pageToken"));
        ObjectNode page = Json.object().put("kind", "tasks#tasks").put("etag", list.etag);
        ArrayNode items = page.putArray("items");
        wanted.stream().skip(from).limit(max).forEach(items::add);
        if (from + max < wanted.size()) page.put("nextPageToken", String.valueOf(from + max));
        return ApiResponse.ok(page);
    }

    private ApiResponse insertTask(Call c) {
        TaskListData list = list(c);
        String parent = c.request().param("parent");
        if (parent != null && !list.tasks.containsKey(parent)) throw GoogleError.invalid("Invalid parent");
        ObjectNode task = insert(c.state(), list, Json.parseObject(c.request().body));
        if (parent != null) task.put("parent", parent);
        return ApiResponse.ok(task);
    }

    /**
     * tasks.move: to another parent (query {@code parent}; none makes it top-level) and, with {@code destinationTasklist},
     * to another list. The task keeps its id and leaves no trace in the list it left (gsync's assumption, D29); its
     * subtasks go with it. A completed hidden task moves to the top level only.
     */
    private ApiResponse move(Call c) {
        return ApiResponse.ok(move(c.state(), c.account(), list(c), task(c), c.request().param("destinationTasklist"), c.request().param("parent")));
    }

    static ObjectNode move(EmulatorState state, Account account, TaskListData from, ObjectNode task, String destination, String parent) {
        if (task.path("deleted").asBoolean(false)) throw GoogleError.notFound();
        TaskListData to = from;
        if (destination != null) {
            String id = "@default".equals(destination) ? account.defaultTaskListId() : destination;
            to = state.taskLists.get(id);
            if (to == null || !account.taskListIds.contains(id)) throw GoogleError.notFound();
        }
        String id = Json.text(task, "id");
        if (parent != null && (!to.tasks.containsKey(parent) || parent.equals(id))) throw GoogleError.invalid("Invalid parent");
        if (parent != null && task.path("hidden").asBoolean(false)) throw GoogleError.invalid("Invalid parent");
        if (to != from) {
            List<String> moving = new ArrayList<>(List.of(id));
            from.tasks.forEach((childId, child) -> { if (id.equals(Json.text(child, "parent"))) moving.add(childId); });
            for (String m : moving) {
                ObjectNode t = from.tasks.remove(m);
                t.put("selfLink", "https://www.googleapis.com/tasks/v1/lists/" + to.id + "/tasks/" + m);
                to.tasks.put(m, t);
                stamp(state, t);
            }
            touch(state, from);
        }
        if (parent == null) task.remove("parent");
        else task.put("parent", parent);
        task.put("position", String.format("%020d", ++to.positions));
        stamp(state, task);
        touch(state, to);
        return task;
    }

    static ObjectNode insert(EmulatorState state, TaskListData list, ObjectNode body) {
        String id = state.opaqueId(22);   // Google ignores client-supplied task ids
        ObjectNode task = Json.object().put("kind", "tasks#task").put("id", id).put("title", "")
                .put("selfLink", "https://www.googleapis.com/tasks/v1/lists/" + list.id + "/tasks/" + id)
                .put("webViewLink", "https://tasks.google.com/task/" + id)
                .put("position", String.format("%020d", ++list.positions)).put("status", "needsAction");
        task.putArray("links");
        apply(state, task, body, false);
        list.tasks.put(id, task);
        touch(state, list);
        return task;
    }

    private ObjectNode task(Call c) {
        ObjectNode task = list(c).tasks.get(c.param("task"));
        if (task == null) throw GoogleError.notFound();
        return task;
    }

    private ApiResponse writeTask(Call c, boolean patch) {
        TaskListData list = list(c);
        ObjectNode task = task(c);
        checkIfMatch(c.request(), task);
        apply(c.state(), task, Json.parseObject(c.request().body), patch);
        touch(c.state(), list);
        return ApiResponse.ok(task);
    }

    private ApiResponse deleteTask(Call c) {
        TaskListData list = list(c);
        ObjectNode task = task(c);
        checkIfMatch(c.request(), task);
        delete(c.state(), task);
        touch(c.state(), list);
        return ApiResponse.empty(204);
    }

    static void delete(EmulatorState state, ObjectNode task) {
        task.put("deleted", true);
        stamp(state, task);
    }

    private ApiResponse clear(Call c) {
        clear(c.state(), list(c));
        return ApiResponse.empty(204);
    }

    static void clear(EmulatorState state, TaskListData list) {
        for (ObjectNode task : list.tasks.values()) {
            if ("completed".equals(Json.text(task, "status")) && !task.path("hidden").asBoolean(false)) {
                task.put("hidden", true);
                stamp(state, task);
            }
        }
        touch(state, list);
    }

    /** Full replace (update) or merge (patch) of the writable fields, then Google's normalisations. */
    static void apply(EmulatorState state, ObjectNode task, ObjectNode body, boolean patch) {
        ObjectNode writable = body.deepCopy();
        READ_ONLY.forEach(writable::remove);
        if (!patch) {
            for (String field : List.of("title", "notes", "due", "completed", "deleted")) task.remove(field);
            task.put("title", "");
            task.put("status", "needsAction");
        }
        Json.mergePatch(task, writable);
        if (task.has("due")) task.put("due", dateOnly(task.get("due").asText()));
        String status = Json.text(task, "status");
        if (!"completed".equals(status) && !"needsAction".equals(status)) throw GoogleError.invalid("Invalid Value");
        if ("completed".equals(status) && !task.has("completed")) task.put("completed", Times.format(state.now()));
        if ("needsAction".equals(status)) task.remove("completed");
        if (task.has("completed")) task.put("completed", Times.format(parse(task.get("completed").asText(), "completed")));
        if (!task.path("deleted").asBoolean(true)) task.remove("deleted");
        stamp(state, task);
    }

    /** Google drops the time of day of a due date: 2026-05-01T15:00:00+02:00 reads back as 2026-05-01T00:00:00.000Z. */
    static String dateOnly(String due) {
        try {
            LocalDate date = due.length() == 10 ? LocalDate.parse(due) : OffsetDateTime.parse(due).toLocalDate();
            return Times.format(date.atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw GoogleError.invalid("Invalid value for: due");
        }
    }

    private static Instant parse(String value, String field) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw GoogleError.invalid("Invalid value for: " + field);
        }
    }

    private static Instant instantParam(ApiRequest q, String name) {
        return q.has(name) ? Times.parseParameter(name, q.param(name)) : null;
    }

    private static void stamp(EmulatorState state, ObjectNode task) {
        task.put("updated", Times.format(state.now()));
        task.put("etag", state.newEtag());
    }

    private static void touch(EmulatorState state, TaskListData list) {
        list.updated = state.now();
        list.etag = state.newEtag();
    }

    private static void checkIfMatch(ApiRequest request, ObjectNode current) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(Json.text(current, "etag"))) {
            throw GoogleError.conditionNotMet();
        }
    }

    /** Offset page tokens (lists that are small or only grow at the end). */
    static int offset(String pageToken) {
        if (pageToken == null) return 0;
        try {
            int offset = Integer.parseInt(pageToken);
            if (offset < 0) throw new NumberFormatException();
            return offset;
        } catch (NumberFormatException e) {
            throw GoogleError.invalidParameter("pageToken", "Invalid page token value.");
        }
    }
}
