package io.switchboard.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema as Flyway migrations. A database someone built by hand with the guide's Option B
 * SQL is adopted: recognised, baselined at V1 with its data, and migrated forward.
 */
public final class Migrations {
    static final Set<String> GUIDE_TABLES = Set.of("tenants", "contacts", "conversations", "messages");
    private final Flyway flyway;
    private final DataSource dataSource;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .baselineVersion("1")
                // Flyway pastes this text unescaped into an SQL literal: no apostrophes.
                .baselineDescription("adopted a database built with the setup guide Option B SQL")
                .cleanDisabled(true)
                .load();
    }

    public List<String> pendingVersions() {
        return Arrays.stream(flyway.info().pending()).map(MigrationInfo::getVersion).map(Object::toString).collect(Collectors.toList());
    }

    /** Applies every pending migration and returns how many ran. */
    public int migrate() {
        boolean adopt = needsAdoption();
        if (adopt || !pendingVersions().isEmpty()) {
            requireCreateInSchema();
        }
        if (adopt) {
            flyway.baseline();
        }
        try {
            int executed = flyway.migrate().migrationsExecuted;
            TeamAccess.apply(dataSource);
            return executed;
        } catch (FlywayException e) {
            throw rowsBreakANewRule(e).orElseThrow(() -> e);
        }
    }

    /**
     * A migration that adds a rule (a unique index, a NOT NULL, a foreign key) fails when rows
     * already in an adopted database break it. Each migration runs in one transaction, so
     * nothing of it was applied: say which migration, which rule and which rows, and how to go on.
     * Other failures (connection, permissions) are left to {@link DatabaseErrors}.
     */
    private Optional<DatabaseUnavailableException> rowsBreakANewRule(FlywayException failure) {
        if (!DatabaseErrors.sqlState(failure).startsWith("23")) {
            return Optional.empty();
        }
        String version = pendingVersions().stream().findFirst().orElse("?");
        return Optional.of(new DatabaseUnavailableException("Rows already in the database break a rule that migration V" + version
                + " adds: " + DatabaseErrors.serverMessage(failure) + ". Nothing of V" + version + " was applied; the schema stays at V"
                + currentVersion() + ". Change those rows, then run `java -jar switchboard.jar migrate` again.", failure));
    }

    /**
     * Whether the connected role owns the schema's tables (or there are none yet). Only the owner
     * migrates; a team agent's session, which owns nothing, only checks that nothing is pending.
     */
    public boolean ownedByThisRole() {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('tenants') IS NULL"
                     + " OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = to_regclass('tenants')), 'USAGE')")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** The newest version among the migrations this build carries. */
    public String latestKnownVersion() {
        return Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion).filter(java.util.Objects::nonNull)
                .max(MigrationVersion::compareTo).map(Object::toString).orElse("none");
    }

    /** Applies pending migrations up to and including {@code version}, no further (a restore rebuilds the schema its file was taken at). */
    public int migrateTo(String version) {
        if (needsAdoption()) {
            throw new DatabaseUnavailableException("The database holds the guide's tables without a migration history; restore only into an empty database.");
        }
        requireCreateInSchema();
        return Flyway.configure().configuration(flyway.getConfiguration()).target(MigrationVersion.fromVersion(version)).load()
                .migrate().migrationsExecuted;
    }

    /** Orders two schema versions the way Flyway does ("5" < "5.1" < "10"). */
    public static int compareVersions(String a, String b) {
        return MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b));
    }

    public String currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().toString();
    }

    /**
     * True when the schema holds the guide's four tables but no Flyway history. A schema that
     * holds only some of them, or the guide's older camelCase tables, is refused: baselining
     * it would claim a V1 that is not there.
     */
    boolean needsAdoption() {
        try (Connection c = dataSource.getConnection()) {
            Set<String> tables = tables(c);
            if (tables.contains("flyway_schema_history")) {
                return false;
            }
            Set<String> guide = tables.stream().filter(GUIDE_TABLES::contains).collect(Collectors.toSet());
            if (guide.isEmpty()) {
                return false;
            }
            if (guide.size() < GUIDE_TABLES.size() || !hasColumn(c, "messages", "conversation_id")) {
                throw new DatabaseUnavailableException("The database already holds tables (" + String.join(", ", guide)
                        + ") that are not the guide's complete multi-tenant schema (for example the older camelCase one). "
                        + "Point DB_NAME at an empty database, or finish the guide's Option B SQL, then run `switchboard migrate`.");
            }
            return true;
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not inspect the schema: " + e.getMessage(), e);
        }
    }

    /**
     * Migrating creates tables. Checked up front because Flyway retries creating its history
     * table for ten seconds before giving up; a user without the right learns it at once.
     */
    private void requireCreateInSchema() {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT current_schema(), has_schema_privilege(current_schema(), 'CREATE')")) {
            rs.next();
            if (!rs.getBoolean(2)) {
                // The words and code PostgreSQL itself uses, so DatabaseErrors explains it like the real thing.
                throw new SQLException("permission denied for schema " + rs.getString(1), "42501");
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private static Set<String> tables(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            Set<String> names = new java.util.HashSet<>();
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
            return names;
        }
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, column)) {
            return rs.next();
        }
    }
}
