package dev.gsync.vtiger.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One vtiger activity as stored, under vtiger's webservice field names ({@code subject}, {@code date_start},
 * {@code time_start}, {@code due_date}, {@code time_end}, {@code notime}, {@code eventstatus}, {@code taskstatus},
 * {@code reminder_time} in minutes, ...): dates and times as text in the DB zone, exactly as the webservice returns
 * them and as the columns hold them. Both transports hand their rows to the mapping in this form, so neither reads a
 * value in its own way. A missing field reads as empty text.
 */
public final class RecordFields {
    private final Map<String, String> values;

    private RecordFields(Map<String, String> values) {
        this.values = values;
    }

    public static RecordFields of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v == null ? "" : v));
        return new RecordFields(Collections.unmodifiableMap(copy));
    }

    public String text(String field) {
        return values.getOrDefault(field, "");
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
