package dev.gsync.vtiger.mapping;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * An event's one reminder ({@code vtiger_activity_reminder.reminder_time}, minutes before the start). Through the
 * webservice vtiger reads the value as seconds and cannot store a whole number of hours (0 remaining minutes become
 * 1: 3600 s is stored as 61). So both transports store what the webservice would: 0 as 1, N*60 as N*60+1, and every
 * stored value of 1 (mod 60) reads one less. Of several reminders the one closest to the start is kept.
 */
public final class Reminders {
    private Reminders() {}

    public static Seq<Integer> read(String storedMinutes) {
        int m;
        try {
            m = Integer.parseInt(storedMinutes.strip());
        } catch (RuntimeException e) {
            return List.empty();
        }
        if (m <= 0) return List.empty();
        return List.of(m % 60 == 1 ? m - 1 : m);
    }

    /** Minutes to store for these reminders; 0 = none. */
    public static int storedMinutes(Seq<Integer> reminders) {
        if (reminders.isEmpty()) return 0;
        int wanted = reminders.min().get();
        return wanted % 60 == 0 ? wanted + 1 : wanted;
    }

    /** The webservice's input unit: seconds that vtiger turns into exactly {@code stored} minutes (0 deletes it). */
    public static String webserviceSeconds(int stored) {
        return Long.toString(stored * 60L);
    }
}
