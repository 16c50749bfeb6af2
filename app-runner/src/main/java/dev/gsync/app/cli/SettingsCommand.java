package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.Services;
import dev.gsync.app.web.CalendarPicker;
import dev.gsync.app.web.SettingsForm;
import dev.gsync.core.model.SyncSettings;
import dev.gsync.core.model.UserId;
import io.vavr.Tuple;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * A user's settings from the command line: shown without change options, changed with them. A change goes through
 * the settings page's own form reader ({@link SettingsForm#read}), so both accept and refuse the same values with the
 * same messages; here each message names the option instead of the form field.
 */
@Command(name = "settings", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  gsync settings --user alice", "  gsync settings --user alice --direction CRM_TO_GOOGLE --hours 08:00-20:00",
                "  gsync settings -u alice --no-tasks --days-ahead 90 --calendars primary,team@example.com"},
        description = {"Show a user's sync settings, or change some of them (the others stay as they are).",
                "Bad values change nothing and exit 2, naming the option."})
public final class SettingsCommand implements Callable<Integer> {
    /** Form field to option name, in the order the page shows them. */
    static final Map<String, String> OPTION_OF = LinkedHashMap.ofEntries(
            Tuple.of(SettingsForm.DIRECTION, "--direction"), Tuple.of(SettingsForm.CONFLICT, "--conflict"),
            Tuple.of(SettingsForm.PRIVATE_EVENTS, "--private-events"), Tuple.of(SettingsForm.PRIVATE_AS_PUBLIC, "--private-google-as-public"),
            Tuple.of(SettingsForm.HOURS, "--hours"), Tuple.of(SettingsForm.ALL_DAY, "--all-day"), Tuple.of(SettingsForm.ZONE, "--zone"),
            Tuple.of(SettingsForm.CALENDARS, "--calendars"), Tuple.of(SettingsForm.EVENTS, "--events"), Tuple.of(SettingsForm.TASKS, "--tasks"),
            Tuple.of(SettingsForm.TASK_LISTS, "--task-lists"),
            Tuple.of(SettingsForm.DAYS_BACK, "--days-back"), Tuple.of(SettingsForm.DAYS_AHEAD, "--days-ahead"));

    @ParentCommand GsyncCommand parent;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER", description = "The CRM user.")
    String user;

    @Option(names = "--direction", paramLabel = "DIR", description = "CRM_TO_GOOGLE, GOOGLE_TO_CRM or BIDIRECTIONAL.")
    String direction;

    @Option(names = "--conflict", paramLabel = "POLICY", description = "Who wins when both sides changed, e.g. CRM_WINS, GOOGLE_WINS.")
    String conflict;

    @Option(names = "--private-events", paramLabel = "WHICH", description = "SYNC_ALL, ONLY_TO_GOOGLE, ONLY_TO_CRM or NONE.")
    String privateEvents;

    @Option(names = "--private-google-as-public", negatable = true, description = "Private Google events arrive in the CRM as public.")
    Boolean privateAsPublic;

    @Option(names = "--hours", paramLabel = "HH:MM-HH:MM", description = "Hours of the day synced; \"\" for the whole day.")
    String hours;

    @Option(names = "--all-day", negatable = true, description = "Sync all-day events.")
    Boolean allDay;

    @Option(names = "--zone", paramLabel = "ZONE", description = "The user's time zone, e.g. Europe/Berlin.")
    String zone;

    @Option(names = "--calendars", paramLabel = "IDS", description = "Google calendar ids, comma separated; the first receives new CRM items.")
    String calendars;

    @Option(names = "--events", negatable = true, description = "Sync events.")
    Boolean events;

    @Option(names = "--tasks", negatable = true, description = "Sync to-dos with Google Tasks.")
    Boolean tasks;

    @Option(names = "--task-lists", paramLabel = "IDS", description = "Google task list ids, comma separated; the first receives new CRM to-dos; @default: the default list.")
    String taskLists;

    @Option(names = "--days-back", paramLabel = "DAYS", description = "How many days into the past are synced.")
    String daysBack;

    @Option(names = "--days-ahead", paramLabel = "DAYS", description = "How many days ahead are synced.")
    String daysAhead;

    @Override
    public Integer call() throws Exception {
        var config = parent.config();
        if (config.isLeft()) {
            System.err.println(config.getLeft());
            return ExitCode.USAGE;
        }
        try (Services services = parent.assemble(config.get())) {
            UserId who = UserId.of(user);
            SyncSettings current = services.userSync().settings(who);
            java.util.Map<String, String> form = SettingsForm.fields(current);
            if (!applyChanges(form)) {
                boolean saved = services.store().settings(who).isDefined();
                print(who, current, saved ? "" : " (defaults: nothing saved yet)", System.out);
                return ExitCode.OK;
            }
            var read = SettingsForm.read(form::get, current);
            if (calendars != null && read.isRight()) {
                // checked against the user's calendar list when Google answers; otherwise only their form is checked
                var list = services.accounts().calendarsOf(who);
                var checked = list.isRight() ? CalendarPicker.check(read.get().googleCalendars(), list.get()) : io.vavr.control.Either.<String, io.vavr.collection.Seq<String>>right(read.get().googleCalendars());
                if (checked.isLeft()) read = io.vavr.control.Either.left(LinkedHashMap.of(SettingsForm.CALENDARS, checked.getLeft()));
                else if (list.isLeft()) System.err.println("note: --calendars not checked against Google (" + list.getLeft() + ")");
            }
            return read.fold(
                    errors -> {
                        System.err.println("Not saved: please correct these options.");
                        errors.forEach((field, message) -> System.err.println("  " + OPTION_OF.get(field).getOrElse("settings") + ": " + message));
                        return ExitCode.USAGE;
                    },
                    changed -> {
                        services.store().saveSettings(who, changed);
                        print(who, changed, " (saved; they apply from the next sync)", System.out);
                        return ExitCode.OK;
                    });
        }
    }

    /** Puts the given options into the form; false when none was given (show only). */
    private boolean applyChanges(java.util.Map<String, String> form) {
        boolean changed = false;
        changed |= text(form, SettingsForm.DIRECTION, direction);
        changed |= text(form, SettingsForm.CONFLICT, conflict);
        changed |= text(form, SettingsForm.PRIVATE_EVENTS, privateEvents);
        changed |= flag(form, SettingsForm.PRIVATE_AS_PUBLIC, privateAsPublic);
        changed |= text(form, SettingsForm.HOURS, hours);
        changed |= flag(form, SettingsForm.ALL_DAY, allDay);
        changed |= text(form, SettingsForm.ZONE, zone);
        changed |= text(form, SettingsForm.CALENDARS, calendars);
        changed |= flag(form, SettingsForm.EVENTS, events);
        changed |= flag(form, SettingsForm.TASKS, tasks);
        changed |= text(form, SettingsForm.TASK_LISTS, taskLists);
        changed |= text(form, SettingsForm.DAYS_BACK, daysBack);
        changed |= text(form, SettingsForm.DAYS_AHEAD, daysAhead);
        return changed;
    }

    private static boolean text(java.util.Map<String, String> form, String field, String value) {
        if (value == null) return false;
        form.put(field, value);
        return true;
    }

    private static boolean flag(java.util.Map<String, String> form, String field, Boolean value) {
        if (value == null) return false;
        if (value) form.put(field, "on");
        else form.remove(field);
        return true;
    }

    static void print(UserId user, SyncSettings s, String remark, PrintStream out) {
        out.println("Settings of " + user + remark);
        java.util.Map<String, String> form = SettingsForm.fields(s);
        for (var option : OPTION_OF) {
            String value = form.get(option._1);
            boolean checkbox = option._1.equals(SettingsForm.PRIVATE_AS_PUBLIC) || option._1.equals(SettingsForm.ALL_DAY)
                    || option._1.equals(SettingsForm.EVENTS) || option._1.equals(SettingsForm.TASKS);
            String shown = checkbox ? (value == null ? "no" : "yes")
                    : option._1.equals(SettingsForm.HOURS) && value.isEmpty() ? "whole day" : value;
            out.printf("  %-27s %s%n", option._2, shown);
        }
    }
}
