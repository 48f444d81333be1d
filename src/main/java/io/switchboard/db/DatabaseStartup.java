package io.switchboard.db;

import io.switchboard.config.Settings;
import io.switchboard.config.Variable;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database up the way the settings ask: the embedded server (default) or an external
 * one (DB_HOST set), migrated or checked, with Hibernate validated on top.
 */
public final class DatabaseStartup {
    private static final Logger log = LoggerFactory.getLogger(DatabaseStartup.class);

    /** What is running: the database, and the embedded server this process owns, if any. */
    public record Running(Database database, Optional<EmbeddedServer> server) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
            server.ifPresent(EmbeddedServer::close);
        }
    }

    /** CONNECT_ONLY: neither migrations nor Hibernate (backup and restore read and build the schema themselves). */
    public enum Mode { APPLY_PER_SETTINGS, MIGRATE_ONLY, CONNECT_ONLY }

    private DatabaseStartup() {
    }

    public static Running start(Settings settings, Mode mode, int poolSize) {
        Optional<EmbeddedServer> server = Optional.empty();
        ConnectionTarget target;
        if (settings.explicit(Variable.DB_HOST).isPresent()) {
            target = external(settings);
        } else {
            ConnectionTarget[] attached = new ConnectionTarget[1];
            server = EmbeddedServer.startOrAttach(settings.dataFolder(), t -> attached[0] = t);
            target = server.map(EmbeddedServer::target).orElse(attached[0]);
        }
        try {
            Database database = Database.connect(target, poolSize, settings.describeSources(), settings.flag(Variable.DB_LOGGING));
            try {
                if (mode != Mode.CONNECT_ONLY) {
                    migrateOrCheck(database, settings, mode);
                }
                if (mode == Mode.APPLY_PER_SETTINGS) {
                    database.startHibernate(false);
                }
                return new Running(database, server);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        } catch (RuntimeException e) {
            server.ifPresent(EmbeddedServer::close);
            throw e;
        }
    }

    static ConnectionTarget external(Settings settings) {
        return new ConnectionTarget(
                HostList.parse(Variable.DB_HOST.name(), settings.get(Variable.DB_HOST), settings.integer(Variable.DB_PORT, 1, 65535)),
                settings.get(Variable.DB_NAME),
                settings.get(Variable.DB_USERNAME),
                settings.get(Variable.DB_PASSWORD),
                false,
                ConnectionTarget.Role.PRIMARY);
    }

    private static void migrateOrCheck(Database database, Settings settings, Mode mode) {
        Migrations migrations = new Migrations(database.dataSource());
        // An agent's own credentials (team mode) own nothing: their session only checks that the schema is current.
        boolean apply = mode == Mode.MIGRATE_ONLY
                || (database.target().embedded() || settings.flag(Variable.DB_SYNCHRONIZE)) && migrations.ownedByThisRole();
        try {
            if (apply) {
                int applied = migrations.migrate();
                log.info("schema at version {} ({} migrations applied)", migrations.currentVersion(), applied);
                return;
            }
            List<String> pending = migrations.pendingVersions();
            if (!pending.isEmpty()) {
                throw new DatabaseUnavailableException("The database schema is behind: migrations " + String.join(", ", pending)
                        + " are pending" + (settings.flag(Variable.DB_SYNCHRONIZE) ? " and " + database.target().user() + " does not own the schema" : " and DB_SYNCHRONIZE=false")
                        + ". Run `java -jar switchboard.jar migrate` as the owner (or set DB_SYNCHRONIZE=true).");
            }
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DatabaseErrors.explain(e, database.target(), settings.describeSources());
        }
    }
}
