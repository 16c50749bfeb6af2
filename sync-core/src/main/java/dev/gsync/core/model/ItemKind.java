package dev.gsync.core.model;

/** CRM events go to Google Calendar, CRM to-dos go to Google Tasks. */
public enum ItemKind {
    EVENT, TASK
}
