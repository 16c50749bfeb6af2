package dev.gsync.distribution;

import dev.gsync.app.config.AppConfig;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package as an administrator gets it: unpacked into an empty directory far from the build tree, started
 * through bin/gsync with only Java installed. Runs after `package` (this module binds its tests to integration-test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackageTest {
    private Path unpacked;
    private Path workDir;
    private Path home;

    @BeforeAll
    void unpack() throws Exception {
        unpacked = Files.createTempDirectory("gsync-package");
        workDir = Files.createTempDirectory("gsync-workdir");   // empty: no build tree, no gsync.properties
        Path tarball = Path.of(System.getProperty("gsync.package", "target/missing.tar.gz"));
        assertThat(tarball).as("run `mvn package` first").exists();
        Result tar = run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), unpacked, 60);
        assertThat(tar.exitCode()).as(tar.output()).isZero();
        try (var top = Files.list(unpacked)) {
            home = top.filter(p -> p.getFileName().toString().startsWith("gsync-")).findFirst().orElseThrow();
        }
    }

    @AfterAll
    void cleanUp() throws IOException {
        for (Path dir : List.of(unpacked, workDir)) {
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Result(int exitCode, String output) {}

    /** Runs a process with a clean environment (no GSYNC_* of the build machine), bounded in time. */
    private static Result run(List<String> command, Path dir, int seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> name.startsWith("GSYNC_"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path log = Files.createTempFile("gsync-package", ".log");
        pb.redirectOutput(log.toFile());
        Process process = pb.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + seconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void the_package_holds_the_launcher_the_libraries_an_example_configuration_and_the_deployment_recipes() {
        assertThat(home.resolve("bin/gsync")).isExecutable();
        assertThat(home.resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("app-runner-"));
        assertThat(home.resolve("gsync.properties.example")).exists();
        assertThat(home.resolve("docs/deploy/gsync.service")).content().contains("ExecStart=/opt/gsync/bin/gsync");
        assertThat(home.resolve("docs/deploy/Containerfile")).exists();
        assertThat(home.resolve("docs/operations.md")).exists();
    }

    @Test
    void the_example_configuration_uses_only_known_keys_and_keeps_secrets_in_files() {
        var loaded = AppConfig.load(Option.some(home.resolve("gsync.properties.example")), true, Map.of());

        // the secret files it names do not exist here; any other problem is a mistake in the example
        assertThat(loaded.isLeft()).isTrue();
        assertThat(loaded.getLeft()).allMatch(problem -> problem.contains("cannot read secret file"));
    }

    @Test
    void bin_gsync_answers_help_from_the_unpacked_tree() throws Exception {
        Result help = run(List.of(home.resolve("bin/gsync").toString(), "--help"), workDir, 120);

        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("Usage: gsync").contains("report").contains("settings").contains("Examples:");
    }

    @Test
    void bin_gsync_demo_runs_the_whole_job_from_the_unpacked_tree() throws Exception {
        Result demo = run(List.of(home.resolve("bin/gsync").toString(), "demo"), workDir, 300);

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("linked.").contains("COMPLETED");
    }
}
