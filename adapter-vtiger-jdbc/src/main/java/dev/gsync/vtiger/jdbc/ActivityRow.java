package dev.gsync.vtiger.jdbc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/**
 * One vtiger_activity row (an Event or a To-Do). Dates and 'HH:MM:SS' texts are wall-clock in the DB time zone.
 * The 8.4 column {@code tags} is left unmapped so the adapter also works on 7.x tables.
 */
@Entity
@Table(name = "vtiger_activity")
public class ActivityRow {
    @Id @Column(name = "activityid") Integer activityid;
    @Column(name = "subject") String subject;
    @Column(name = "semodule") String semodule;
    @Column(name = "activitytype") String activitytype;
    @Column(name = "date_start") LocalDate dateStart;
    @Column(name = "due_date") LocalDate dueDate;
    @Column(name = "time_start") String timeStart;
    @Column(name = "time_end") String timeEnd;
    @Column(name = "sendnotification") String sendnotification;
    @Column(name = "duration_hours") String durationHours;
    @Column(name = "duration_minutes") String durationMinutes;
    @Column(name = "status") String status;
    @Column(name = "eventstatus") String eventstatus;
    @Column(name = "priority") String priority;
    @Column(name = "location") String location;
    @Column(name = "notime") String notime;
    @Column(name = "visibility") String visibility;
    @Column(name = "recurringtype") String recurringtype;

    protected ActivityRow() {}

    ActivityRow(int activityid) {
        this.activityid = activityid;
    }

    boolean isTask() {
        return "Task".equals(activitytype);
    }
}
