package dev.gsync.app.db;

import dev.gsync.app.Outcome;
import dev.gsync.app.RunLog;
import dev.gsync.app.RunSummary;
import dev.gsync.core.model.UserId;
import io.vavr.collection.List;
import io.vavr.control.Option;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** {@link RunLog} in the state database, so every instance of a cluster reports the same status. */
public final class JdbcRunLog implements RunLog {
    private final DataSource dataSource;

    public JdbcRunLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void record(RunSummary run) {
        String sql = "INSERT INTO gsync_run_log (user_id, started, finished, outcome, dry_run, counts, failures, report) VALUES (?,?,?,?,?,?,?,?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, run.user().value());
            s.setTimestamp(2, Timestamp.from(run.started()));
            s.setTimestamp(3, Timestamp.from(run.finished()));
            s.setString(4, run.outcome().name());
            s.setBoolean(5, run.dryRun());
            s.setString(6, cut(run.counts(), 1000));
            s.setString(7, run.failures().mkString("\n"));
            s.setString(8, run.report());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the run of " + run.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Option<RunSummary> last(UserId user) {
        return latest(user, "");
    }

    @Override
    public Option<RunSummary> lastProblem(UserId user) {
        return latest(user, " AND outcome <> 'OK'");
    }

    private Option<RunSummary> latest(UserId user, String condition) {
        String sql = "SELECT started, finished, outcome, dry_run, counts, failures, report FROM gsync_run_log WHERE user_id = ?"
                + condition + " ORDER BY id DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, user.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Option.none();
                String failures = r.getString(6);
                return Option.some(new RunSummary(user, r.getTimestamp(1).toInstant(), r.getTimestamp(2).toInstant(),
                        Outcome.valueOf(r.getString(3)), r.getBoolean(4), r.getString(5),
                        failures.isEmpty() ? List.empty() : List.of(failures.split("\n")), r.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the runs of " + user + ": " + e.getMessage(), e);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
