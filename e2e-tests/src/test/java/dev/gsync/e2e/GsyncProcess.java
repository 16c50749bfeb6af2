package dev.gsync.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One `gsync` OS process. */
final class GsyncProcess {
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + tail(out) + "\n--- err\n" + tail(err);
        }

        private static String tail(String s) { return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s; }
    }

    private final Process process;
    private final Path out;
    private final Path err;

    GsyncProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    boolean alive() { return process.isAlive(); }

    /** SIGKILL (kill -9): no shutdown hook, no finally block runs. True when the process was still running. */
    boolean kill9() throws InterruptedException {
        boolean wasAlive = process.isAlive();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return wasAlive;
    }

    /** SIGTERM, as `systemctl stop` does; waits for the end. */
    Result stop(Duration limit) throws Exception {
        process.destroy();
        return await(limit);
    }

    Result await(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("gsync did not end within " + limit + "\n" + result(-1));
        }
        return result(process.exitValue());
    }

    private Result result(int code) throws Exception {
        return new Result(code, Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Whether `gsync sync` had logged the end of its run ("sync done"): a kill after that hit only the JVM's exit. */
    boolean loggedEndOfRun() throws Exception {
        return Files.readString(out, StandardCharsets.UTF_8).contains("sync done:");
    }

    String output() throws Exception { return result(-1).toString(); }

    /** How many times the process has logged {@code text} so far (on stdout or stderr: the test class path's logback config differs from the shipped one). */
    int logged(String text) throws Exception {
        String log = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        int count = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) count++;
        return count;
    }
}
