package dev.gsync.app.cli;

import dev.gsync.app.ExitCode;
import dev.gsync.app.RunnerFixtureAccess;
import dev.gsync.app.Services;
import dev.gsync.core.model.UserId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands' output and exit codes, on an assembled runner (state on H2, Google on the emulator). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineTest {
    private RunnerFixtureAccess runner;

    @BeforeAll
    void start() {
        runner = RunnerFixtureAccess.start(true);
    }

    @AfterAll
    void stop() throws Exception {
        runner.close();
    }

    record Result(int exitCode, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        // the commands close the services they are given; this runner's stay open for the next command
        Services shared = runner.services();
        Services unclosable = new Services(shared.config(), shared.userSync(), shared.store(), shared.credentials(), shared.accounts(),
                shared.googleClient(), shared.runLog(), shared.stateDataSource(), shared.clock(), shared.webAddress(), shared.injector(), () -> {});
        CommandLine cli = new CommandLine(new GsyncCommand(config -> unclosable, env));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out, originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        // picocli's own output (help, usage errors) is kept apart: the first time it looks at the terminal it may
        // wrap System.out (ANSI detection), which would bypass the capture above
        java.io.StringWriter helpOut = new java.io.StringWriter(), helpErr = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(helpOut, true));
        cli.setErr(new java.io.PrintWriter(helpErr, true));
        try {
            int code = cli.execute(args);
            return new Result(code, helpOut + out.toString(StandardCharsets.UTF_8), helpErr + err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** Help only: picocli writing to its own writers, as `gsync ... --help` does on a terminal. */
    private Result help(String... args) {
        CommandLine cli = new CommandLine(new GsyncCommand(config -> runner.services(), Map.of()));
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void sync_of_a_user_who_has_not_linked_google_exits_4_and_says_how_to_link() {
        Result result = run(Map.of(), "sync", "--user", "carol");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_LINKED);
        assertThat(result.out()).contains("not linked");
    }

    @Test
    void a_linked_user_syncs_with_exit_0_and_status_and_users_show_the_run() throws Exception {
        UserId dave = UserId.of("dave");
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web().links().connectLink(dave));

        Result dry = run(Map.of(), "sync", "--user", "dave", "--dry-run");
        Result sync = run(Map.of(), "sync", "--user", "dave");
        Result status = run(Map.of(), "status", "--user", "dave");
        Result users = run(Map.of(), "users");

        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("dry run");
        assertThat(sync.exitCode()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("COMPLETED");
        assertThat(status.out()).contains("linked:      yes").contains("last sync:").contains(" OK")
                .contains("sync mode:   polling");
        assertThat(users.out().lines()).anyMatch(line -> line.startsWith("dave\tyes\t") && line.endsWith("\tOK"));
    }

    @Test
    void connect_prints_a_signed_link_to_start_linking() {
        Result result = run(Map.of("GSYNC_WEB_LINK_KEY", "0123456789abcdef-key", "GSYNC_WEB_BASE_URL", "https://gsync.example.com"),
                "connect", "--user", "erin");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).startsWith("https://gsync.example.com/oauth/start?user=erin&t=").contains("&sig=");
        assertThat(result.err()).contains("/u/erin?t=").contains("P30D");
    }

    @Test
    void configuration_problems_exit_2_with_every_problem_named() throws Exception {
        Path file = Files.createTempFile("gsync", ".properties");
        Files.writeString(file, "crm.adapter=soap\ngoogle.clientSecret=in-the-file\n");

        Result result = run(Map.of(), "--config", file.toString(), "users");
        Result connect = run(Map.of(), "connect", "--user", "erin");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("crm.adapter").contains("google.clientSecret");
        assertThat(connect.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(connect.err()).contains("web.linkKey is not set");
    }

    @Test
    void every_command_answers_help_with_examples() {
        CommandLine cli = new CommandLine(new GsyncCommand(config -> runner.services(), Map.of()));
        for (String command : cli.getSubcommands().keySet()) {
            Result help = help(command, "--help");

            assertThat(help.exitCode()).as(command + help.err()).isZero();
            assertThat(help.out()).as(command + " err: " + help.err()).contains("Usage: gsync " + command).contains("Examples:").contains("gsync " + command);
        }
        assertThat(help("--help").out()).contains("report").contains("settings").contains("Exit codes:");
    }

    @Test
    void settings_are_shown_changed_with_the_pages_rules_and_bad_values_exit_2_naming_the_option() {
        Result before = run(Map.of(), "settings", "--user", "bob");
        Result changed = run(Map.of(), "settings", "--user", "bob", "--direction", "CRM_TO_GOOGLE", "--hours", "08:00-20:00", "--no-tasks");
        Result bad = run(Map.of(), "settings", "--user", "bob", "--direction", "SIDEWAYS", "--hours", "8 to 8", "--days-ahead", "many");

        assertThat(before.exitCode()).isZero();
        assertThat(before.out()).contains("Settings of bob").contains("--direction").contains("BIDIRECTIONAL");
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.out()).contains("saved").containsPattern("--direction +CRM_TO_GOOGLE").containsPattern("--hours +08:00-20:00")
                .containsPattern("--tasks +no");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("Not saved").contains("--direction: choose one of CRM_TO_GOOGLE")
                .contains("--hours: ").contains("--days-ahead: ");
        var kept = runner.services().store().settings(UserId.of("bob")).get();
        assertThat(kept.direction()).isEqualTo(dev.gsync.core.model.SyncDirection.CRM_TO_GOOGLE);
        assertThat(kept.hourWindow().toString()).isEqualTo("08:00-20:00");
    }

    @Test
    void report_shows_a_users_last_runs_item_by_item_as_text_and_json() throws Exception {
        UserId erin = UserId.of("erin");
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web().links().connectLink(erin));
        java.time.Instant start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC);
        runner.addToCrm(erin, dev.gsync.core.model.CalendarItem.event("Quarterly review",
                new dev.gsync.core.model.Timing.Timed(start, start.plusSeconds(3600), java.time.ZoneId.of("UTC"))));
        run(Map.of(), "sync", "--user", "erin");
        run(Map.of(), "sync", "--user", "erin");

        Result last = run(Map.of(), "report", "--user", "erin");
        Result two = run(Map.of(), "report", "--user", "erin", "--last", "2", "--json");
        String firstId = last.out().lines().findFirst().orElseThrow().split(" ")[1];
        Result byId = run(Map.of(), "report", "--user", "erin", "--run", firstId);
        Result unknown = run(Map.of(), "report", "--user", "erin", "--run", "1999-01-01T00:00:00Z");

        assertThat(last.exitCode()).isZero();
        assertThat(last.out()).startsWith("Run ").contains(" of erin: COMPLETED").contains("nothing written");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(two.out());
        assertThat(json.size()).isEqualTo(2);
        assertThat(json.get(1).get("items").toString()).contains("created-google").contains("\"side\":\"CRM\"")
                .contains("\"title\":\"Quarterly review\"").contains("\"rule\":\"R1 new in the CRM\"");
        Result first = run(Map.of(), "report", "--user", "erin", "--run", json.get(1).get("run").asText());
        assertThat(first.out()).containsPattern("DONE +created-google +CRM +\\S+ \"Quarterly review\" \\[R1 new in the CRM\\]");
        assertThat(byId.out()).isEqualTo(last.out());
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("--run: no stored run");
    }

    @Test
    void calendars_given_on_the_command_line_are_checked_against_the_users_google_calendar_list() throws Exception {
        dev.gsync.app.demo.BrowserlessConsent.follow(runner.web().links().connectLink(UserId.of("alice")));
        var boss = runner.emulator().user("boss-cli@example.com");
        String team = boss.addCalendar("Team");
        String holidays = boss.addCalendar("Holidays");
        boss.shareCalendar(team, "user@example.com", "writer");
        boss.shareCalendar(holidays, "user@example.com", "reader");

        Result script = run(Map.of(), "settings", "--user", "alice", "--calendars", "<script>x</script>");
        Result unknown = run(Map.of(), "settings", "--user", "alice", "--calendars", "nosuch@example.com");
        Result readOnly = run(Map.of(), "settings", "--user", "alice", "--calendars", holidays);
        Result fine = run(Map.of(), "settings", "--user", "alice", "--calendars", team + ",primary," + holidays);

        assertThat(script.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(script.err()).contains("--calendars: '<script>x</script>' is not a Google calendar id");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("--calendars: 'nosuch@example.com' is not one of your Google calendars");
        assertThat(readOnly.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(readOnly.err()).contains("read-only (reader)").contains("cannot receive new CRM items");
        assertThat(fine.exitCode()).as(fine.err()).isZero();
        assertThat(runner.services().store().settings(UserId.of("alice")).get().googleCalendars()).containsExactly(team, "primary", holidays);
    }

    @Test
    void the_google_sync_link_is_added_to_vtigers_menu_once_and_removed_again() throws Exception {
        String vtiger = runner.services().config().get(dev.gsync.app.config.ConfigKey.CRM_JDBC_URL);
        Map<String, String> env = Map.of("GSYNC_WEB_BASE_URL", "https://gsync.example.com");

        Result first = run(env, "vtiger", "install-link");
        Result again = run(env, "vtiger", "install-link");
        java.util.List<String> rows = links(vtiger);
        Result removed = run(env, "vtiger", "uninstall-link");
        Result nothing = run(env, "vtiger", "uninstall-link");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"Google Sync\" link").contains("https://gsync.example.com/signin");
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(rows).containsExactly("0 HEADERLINK Google Sync https://gsync.example.com/signin");
        assertThat(removed.out()).contains("Removed");
        assertThat(nothing.out()).contains("No \"Google Sync\" link");
        assertThat(links(vtiger)).isEmpty();
    }

    @Test
    void the_vtiger_link_needs_vtigers_database() {
        Result rest = run(Map.of("GSYNC_CRM_ADAPTER", "rest"), "vtiger", "install-link");

        assertThat(rest.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(rest.err()).contains("crm.adapter=jdbc");
    }

    private static java.util.List<String> links(String url) throws Exception {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(url, "sa", "");
             var rs = c.createStatement().executeQuery("SELECT tabid, linktype, linklabel, linkurl FROM vtiger_links ORDER BY linkid")) {
            while (rs.next()) rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
        }
        return rows;
    }

    @Test
    void a_wrong_option_exits_2() {
        assertThat(run(Map.of(), "sync", "--frobnicate").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
