package dev.gsync.emulator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One Google account: its calendar list (with the access role per calendar) and its task lists. */
final class Account {
    final String email;
    final Map<String, String> calendarRoles = new LinkedHashMap<>();
    final Set<String> taskListIds = new LinkedHashSet<>();

    Account(String email) { this.email = email; }

    String primaryCalendarId() { return email; }

    String defaultTaskListId() { return taskListIds.iterator().next(); }
}
