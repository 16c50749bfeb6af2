package dev.gsync.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the emulator holds, in memory. Not thread-safe on its own: the gateway and the test API take
 * the monitor of this object around every read and write, so one call sees and leaves a consistent state.
 */
final class EmulatorState {
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    final EmulatorSettings settings;
    final Map<String, Account> accounts = new LinkedHashMap<>();
    final Map<String, CalendarData> calendars = new LinkedHashMap<>();
    final Map<String, TaskListData> taskLists = new LinkedHashMap<>();
    /** Told about every change to a calendar's events (API or test API), to send push notifications. */
    volatile ChangeListener changes = ChangeListener.NONE;
    private final SecureRandom random = new SecureRandom();
    private final Clock baseClock;
    private volatile Duration clockOffset = Duration.ZERO;
    private long sequence;

    EmulatorState(EmulatorSettings settings, Clock baseClock) {
        this.settings = settings;
        this.baseClock = baseClock;
    }

    /** What push channels need to hear; called under the state's monitor, so it must only enqueue. */
    interface ChangeListener {
        ChangeListener NONE = new ChangeListener() {
            @Override public void eventsChanged(String calendarId) {}
            @Override public void calendarGone(String calendarId) {}
        };

        void eventsChanged(String calendarId);

        void calendarGone(String calendarId);
    }

    Instant now() { return baseClock.instant().plus(clockOffset); }

    void advanceClock(Duration by) { clockOffset = clockOffset.plus(by); }

    /** Every write takes the next number; sync tokens remember the number they were issued at. */
    long nextSequence() { return ++sequence; }

    long currentSequence() { return sequence; }

    /** Quoted and unique for every write, like Google's "\"3181161784712000\"". */
    String newEtag() { return "\"" + (3_000_000_000_000_000L + nextSequence()) + "\""; }

    String base32hexId(int length) { return randomString(BASE32HEX, length); }

    String opaqueId(int length) { return randomString(ALNUM, length); }

    private String randomString(char[] alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.append(alphabet[random.nextInt(alphabet.length)]);
        return text.toString();
    }

    /** The account for an e-mail address, created with a primary calendar and a default task list on first use. */
    Account account(String email) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        Account existing = accounts.get(key);
        if (existing != null) return existing;
        Account account = new Account(key);
        CalendarData primary = new CalendarData(key, key, settings.defaultTimeZone(), key, now(), newEtag());
        calendars.put(primary.id, primary);
        account.calendarRoles.put(primary.id, "owner");
        TaskListData tasks = new TaskListData(opaqueId(22), "My Tasks", key, now(), newEtag());
        taskLists.put(tasks.id, tasks);
        account.taskListIds.add(tasks.id);
        accounts.put(key, account);
        return account;
    }

    CalendarData addCalendar(Account owner, String summary, String timeZone) {
        String id = base32hexId(26) + "@group.calendar.google.com";
        CalendarData calendar = new CalendarData(id, summary, timeZone == null ? settings.defaultTimeZone() : timeZone,
                owner.email, now(), newEtag());
        calendars.put(id, calendar);
        owner.calendarRoles.put(id, "owner");
        return calendar;
    }

    TaskListData addTaskList(Account owner, String title) {
        TaskListData list = new TaskListData(opaqueId(22), title, owner.email, now(), newEtag());
        taskLists.put(list.id, list);
        owner.taskListIds.add(list.id);
        return list;
    }
}
