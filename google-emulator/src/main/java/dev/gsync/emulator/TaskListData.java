package dev.gsync.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A task list and its tasks; deleted tasks stay with deleted=true. */
final class TaskListData {
    final String id;
    String title;
    final String ownerEmail;
    Instant updated;
    String etag;
    final Map<String, ObjectNode> tasks = new LinkedHashMap<>();
    long positions;

    TaskListData(String id, String title, String ownerEmail, Instant updated, String etag) {
        this.id = id;
        this.title = title;
        this.ownerEmail = ownerEmail;
        this.updated = updated;
        this.etag = etag;
    }
}
