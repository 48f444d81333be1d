package io.switchboard.db;

import io.switchboard.config.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the embedded cluster the user's alone: password (scram) logins only, over 127.0.0.1, a
 * random password for the server's superuser kept in the data folder (0600) for maintenance, and
 * the app connecting as {@value #APP_ROLE}, a role that owns the database but is no superuser, so
 * it cannot read server files ({@code pg_read_file}), run {@code COPY … TO/FROM} a file or program,
 * or {@code ALTER SYSTEM}.
 *
 * <p>A cluster made by Switchboard 0.1.0 (trust logins, the app as superuser) is upgraded in place
 * at its next start: the superuser gets its password in single-user mode (no server is listening
 * meanwhile), {@code pg_hba.conf} is rewritten, and once the server is up the app role takes over
 * the database and every object in it. No row is touched.
 */
final class ClusterLockdown {
    private static final Logger log = LoggerFactory.getLogger(ClusterLockdown.class);
    static final String SUPERUSER = "postgres";
    static final String APP_ROLE = "switchboard";
    static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser.password";
    static final String APP_PASSWORD_FILE = "postgres-app.password";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** The one way in: scram passwords over IPv4 loopback. No trust, no socket, no replication. */
    static final String PG_HBA = """
            # Written by Switchboard at every start; edits are replaced.
            # Password (scram-sha-256) logins over 127.0.0.1 only. The unix socket is off.
            host    all    all    127.0.0.1/32    scram-sha-256
            """;

    record Credentials(String superuserPassword, String appPassword) {
        @Override
        public String toString() {
            return "Credentials[passwords hidden]";
        }
    }

    private ClusterLockdown() {
    }

    /** Creates or upgrades the cluster in {@code pgData} before its server starts; returns the passwords to use. */
    static Credentials prepare(Path folder, Path pgData, Path serverLog) throws IOException {
        Path superuserFile = folder.resolve(SUPERUSER_PASSWORD_FILE);
        if (!Files.exists(pgData.resolve("PG_VERSION"))) {
            initdb(pgData, superuserFile, serverLog);
        } else if (!Files.exists(superuserFile)) {
            upgradeFromTrust(pgData, superuserFile, serverLog);
        }
        Files.writeString(pgData.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        OwnerOnly.file(superuserFile);
        return new Credentials(read(superuserFile), readOrCreate(folder.resolve(APP_PASSWORD_FILE)));
    }

    private static void initdb(Path pgData, Path superuserFile, Path serverLog) throws IOException {
        if (Files.exists(pgData)) {
            // No PG_VERSION: an initdb that never finished. Nothing in it is data.
            deleteTree(pgData);
        }
        OwnerOnly.write(superuserFile, newPassword());
        ServerCommands.run(ServerCommands.command("initdb", "-D", pgData.toString(), "-U", SUPERUSER,
                "--auth=scram-sha-256", "--pwfile=" + superuserFile, "-E", "UTF-8", "--no-instructions"), serverLog, null, 120);
        log.info("created a new PostgreSQL cluster in {} (scram-sha-256 logins)", pgData);
    }

    /**
     * A 0.1.0 cluster: its superuser has no password and pg_hba.conf trusts everyone. Single-user
     * mode sets the password without any listening server, so there is no moment in which the
     * cluster is both reachable and unprotected.
     */
    private static void upgradeFromTrust(Path pgData, Path superuserFile, Path serverLog) throws IOException {
        log.warn("upgrading the data folder's PostgreSQL from trust logins to passwords (a 0.1.0 data folder): {}", pgData);
        String password = newPassword();
        Path pending = superuserFile.resolveSibling(SUPERUSER_PASSWORD_FILE + ".new");
        OwnerOnly.write(pending, password);
        ServerCommands.run(ServerCommands.command("postgres", "--single", "-j", "-D", pgData.toString(), "postgres"), serverLog,
                "ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + password + "';\n\n", 300);
        // Only once the password is in the cluster does the file say so; a crash before this repeats the step.
        Files.move(pending, superuserFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * With the server up: the app role exists with the password on file and owns the database and
     * everything in it. Run at every start, so a folder upgraded from 0.1.0, or one whose role was
     * changed by hand, ends in the same state.
     */
    static void grantTheAppItsDatabase(int port, Credentials credentials, String database) throws SQLException {
        try (Connection c = superuser(port, "postgres", credentials); Statement s = c.createStatement()) {
            // A failing statement is logged with its text by default; this one carries a password.
            s.execute("SET log_min_error_statement = panic");
            s.execute("SET log_statement = 'none'");
            String attributes = " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '" + credentials.appPassword() + "'";
            s.execute((exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", APP_ROLE) ? "ALTER ROLE " : "CREATE ROLE ") + APP_ROLE + attributes);
            if (exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                s.execute("ALTER DATABASE " + database + " OWNER TO " + APP_ROLE);
            } else {
                s.execute("CREATE DATABASE " + database + " OWNER " + APP_ROLE);
            }
        }
        try (Connection c = superuser(port, database, credentials); Statement s = c.createStatement()) {
            s.execute(TAKE_OVER_OBJECTS);
        }
    }

    /**
     * Hands every object the superuser owns in the app's schemas (0.1.0 created them all as
     * superuser) to the app role. Objects that belong to an extension stay with it.
     */
    private static final String TAKE_OVER_OBJECTS = """
            DO $$
            DECLARE r record;
            BEGIN
              IF (SELECT nspowner FROM pg_namespace WHERE nspname = 'public') = 'postgres'::regrole THEN
                ALTER SCHEMA public OWNER TO switchboard;
              END IF;
              FOR r IN
                SELECT c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) AS name
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relowner = 'postgres'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
                ORDER BY c.relkind = 'S'
              LOOP
                -- A sequence owned by a column moved with its table already.
                IF (SELECT relowner FROM pg_class WHERE oid = r.oid) = 'postgres'::regrole THEN
                  EXECUTE format('ALTER %s %s OWNER TO switchboard',
                                 CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                                WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
                END IF;
              END LOOP;
              FOR r IN
                SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.proowner = 'postgres'::regrole AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
              LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO switchboard', r.name);
              END LOOP;
              FOR r IN
                SELECT format('%I.%I', n.nspname, t.typname) AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typowner = 'postgres'::regrole AND t.typtype IN ('e', 'd', 'c', 'r') AND (t.typtype <> 'c' OR t.typrelid = 0 OR
                      (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
              LOOP
                EXECUTE format('ALTER TYPE %s OWNER TO switchboard', r.name);
              END LOOP;
            END $$""";

    static Connection superuser(int port, String database, Credentials credentials) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", credentials.superuserPassword());
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "300");
        properties.setProperty("ApplicationName", "switchboard-maintenance");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String readAppPassword(Path folder) throws IOException {
        return read(folder.resolve(APP_PASSWORD_FILE));
    }

    private static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            OwnerOnly.write(file, newPassword());
        }
        OwnerOnly.file(file);
        return read(file);
    }

    private static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return value;
    }

    /** 32 characters from a 57-letter alphabet (187 bits); letters and digits only, so safe inside SQL quotes. */
    private static String newPassword() {
        StringBuilder password = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
