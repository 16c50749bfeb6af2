package dev.gsync.app.web;

import dev.gsync.core.model.SyncSettings;
import dev.gsync.google.GoogleCalendarDirectory.TaskListEntry;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;

/**
 * The settings page's choice of Google Tasks lists (issue 12), like {@link CalendarPicker}: which lists are synced,
 * and which one receives to-dos created in the CRM (stored first in {@link SyncSettings#googleTaskLists()}). Ids are
 * checked against the user's lists. {@code @default} stands for the user's default list (Google lists it first).
 */
public final class TaskListPicker {
    /** Form fields: the list receiving new CRM to-dos (one), and each further list synced (repeated). */
    static final String TARGET = "targetTaskList", ALSO = "alsoTaskList";

    private TaskListPicker() {}

    /** The lists to store, target first; Left: what is wrong, for the task list field. */
    static Either<String, Seq<String>> choose(String target, Seq<String> also, Seq<TaskListEntry> available) {
        if (target == null || target.isBlank()) return Either.left("choose the task list that receives new CRM to-dos");
        Seq<String> wanted = List.of(target.strip()).appendAll(also.map(String::strip).filter(id -> !id.isEmpty())).distinct();
        for (String id : wanted)
            if (!id.equals(SyncSettings.DEFAULT_TASK_LIST) && available.find(e -> e.id().equals(id)).isEmpty())
                return Either.left("'" + id + "' is not one of your Google task lists");
        return Either.right(wanted.map(id -> isDefault(id, available) ? SyncSettings.DEFAULT_TASK_LIST : id).distinct());
    }

    private static boolean isDefault(String id, Seq<TaskListEntry> available) {
        return available.headOption().exists(first -> first.id().equals(id));
    }

    private static boolean chosen(TaskListEntry e, String id, Seq<TaskListEntry> available) {
        return e.id().equals(id) || (id.equals(SyncSettings.DEFAULT_TASK_LIST) && isDefault(e.id(), available));
    }

    static String html(Seq<TaskListEntry> available, Seq<String> current, io.vavr.collection.Map<String, String> errors) {
        String target = current.headOption().getOrElse(SyncSettings.DEFAULT_TASK_LIST);
        StringBuilder b = new StringBuilder("<fieldset id=\"task-list-picker\"><legend>Google task lists</legend>")
                .append("<table><tr><th>Task list</th><th>Receives new CRM to-dos</th><th>Also synced</th></tr>");
        for (TaskListEntry e : available) {
            boolean isTarget = chosen(e, target, available);
            boolean isAlso = !isTarget && current.exists(id -> chosen(e, id, available));
            b.append("<tr class=\"task-list\" data-id=\"").append(Html.esc(e.id())).append("\"><td>").append(Html.esc(e.title()))
                    .append(isDefault(e.id(), available) ? " (default)" : "").append("</td>")
                    .append("<td><input type=\"radio\" name=\"").append(TARGET).append("\" value=\"").append(Html.esc(e.id())).append("\"")
                    .append(isTarget ? " checked" : "").append("></td>")
                    .append("<td><input type=\"checkbox\" name=\"").append(ALSO).append("\" value=\"").append(Html.esc(e.id())).append("\"")
                    .append(isAlso ? " checked" : "").append("></td></tr>");
        }
        b.append("</table><p class=\"small\">A task moved between two synced lists stays one CRM to-do; subtasks arrive titled "
                + "\"Parent \u203A Child\"; tasks without a due date get the day they were first seen.</p>");
        errors.get(SettingsForm.TASK_LISTS).forEach(message -> b.append("<span class=\"error\" id=\"").append(SettingsForm.TASK_LISTS)
                .append("-error\">").append(Html.esc(message)).append("</span>"));
        return b.append("</fieldset>").toString();
    }
}
