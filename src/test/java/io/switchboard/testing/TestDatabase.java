package io.switchboard.testing;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM. Each test gets its own database, cloned in milliseconds
 * from a template that was migrated once, so tests never see each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger counter = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static boolean templateReady;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A connection target for a new, empty database (no schema). */
    public static ConnectionTarget emptyDatabase() {
        return createDatabase("template0");
    }

    /** A connection target for a new database at the current schema. */
    public static ConnectionTarget migratedDatabase() {
        synchronized (TestDatabase.class) {
            if (!templateReady) {
                ConnectionTarget template = createNamed("switchboard_template", "template0");
                try (Database db = Database.connect(template, 2, "test")) {
                    new Migrations(db.dataSource()).migrate();
                }
                templateReady = true;
            }
        }
        return createDatabase("switchboard_template");
    }

    /** A migrated database with Hibernate started: what services use. */
    public static Database open() {
        return Database.connect(migratedDatabase(), 10, "test").startHibernate(false);
    }

    public static ConnectionTarget superuserTarget(String database) {
        return new ConnectionTarget("127.0.0.1", server().getPort(), database, "postgres", "", false);
    }

    private static ConnectionTarget createDatabase(String template) {
        return createNamed("t" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet(), template);
    }

    private static ConnectionTarget createNamed(String name, String template) {
        executeAsSuperuser("CREATE DATABASE " + name + " TEMPLATE " + template);
        return superuserTarget(name);
    }

    public static void executeAsSuperuser(String sql) {
        executeOn("postgres", sql);
    }

    public static void executeOn(String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
