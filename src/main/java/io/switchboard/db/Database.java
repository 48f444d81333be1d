package io.switchboard.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The pool, the Hibernate SessionFactory and the two ways to work in a transaction: through
 * Hibernate for entity work, or through plain JDBC for the batched hot paths.
 */
public final class Database implements AutoCloseable {
    private final ConnectionTarget target;
    private final HikariDataSource pool;
    /** The pool, or with DB_LOGGING the pool seen through {@link SqlLog}. */
    private final DataSource dataSource;
    private final ConstraintViolations violations;
    private SessionFactory sessionFactory;

    private Database(ConnectionTarget target, HikariDataSource pool, boolean logSql) {
        this.target = target;
        this.pool = pool;
        this.dataSource = logSql ? SqlLog.wrap(pool) : pool;
        this.violations = new ConstraintViolations(dataSource);
    }

    /** Opens a pool; the first connection is made here so a bad setting fails now, with a clear message. */
    public static Database connect(ConnectionTarget target, int poolSize, String settingsSources) {
        return connect(target, poolSize, settingsSources, false);
    }

    /** The same; with {@code logSql} every statement sent through the pool is logged (DB_LOGGING). */
    public static Database connect(ConnectionTarget target, int poolSize, String settingsSources, boolean logSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(target.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("switchboard");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(5_000);
        followFailover(config, target);
        // All TIMESTAMP columns hold UTC wall-clock time, whatever the client's zone.
        config.addDataSourceProperty("options", "-c TimeZone=UTC");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "switchboard");
        try {
            probe(config);
            return new Database(target, new HikariDataSource(config), logSql);
        } catch (RuntimeException e) {
            throw DatabaseErrors.explain(e, target, settingsSources);
        }
    }

    /**
     * Lets the pool find the new primary by itself after a failover, within seconds: a dead host
     * fails the connect quickly instead of after the OS's TCP timeout, idle connections are checked
     * often enough that a vanished server is noticed before a borrower gets its connection, none
     * lives long enough to pin an old server, and one that meets a read-only server is dropped.
     * No socket timeout: a migration or an export may rightly run for minutes; keepalives find a
     * dead peer instead.
     */
    private static void followFailover(HikariConfig config, ConnectionTarget target) {
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("loginTimeout", "5");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.setValidationTimeout(2_000);
        config.setKeepaliveTime(30_000);
        config.setMaxLifetime(600_000);
        config.setExceptionOverride(new StandbyEviction());
        if (target.role() == ConnectionTarget.Role.READ_REPLICA) {
            config.setReadOnly(true);
            config.setPoolName("switchboard-reads");
            // A read that finds the replica gone falls back to the primary (ReadRouting): it should not wait 10 s first.
            config.setConnectionTimeout(3_000);
        }
    }

    /**
     * One plain connection before the pool: a wrong password, a missing database or an unknown
     * host fails here at once, where the pool would retry for its whole start-up timeout. Only a
     * refused connection is left to the pool's retries, since the server may still be starting.
     */
    private static void probe(HikariConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.getDataSourceProperties());
        properties.setProperty("user", config.getUsername());
        properties.setProperty("password", java.util.Objects.toString(config.getPassword(), ""));
        properties.setProperty("connectTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(config.getJdbcUrl(), properties)) {
            // reachable, authenticated, database present
        } catch (SQLException e) {
            if (!DatabaseErrors.isRefused(e)) {
                throw new DataAccessException(e);
            }
        }
    }

    /**
     * Builds Hibernate and validates every mapping against the migrated schema. With {@code logSql}
     * its statements are logged even if the pool was opened without DB_LOGGING; never to stdout.
     */
    public Database startHibernate(boolean logSql) {
        Configuration configuration = new Configuration();
        EntityCatalog.ENTITIES.forEach(configuration::addAnnotatedClass);
        EntityCatalog.CONVERTERS.forEach(c -> configuration.addAttributeConverter(c, true));
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
                logSql && dataSource == pool ? SqlLog.wrap(pool) : dataSource);
        configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
        // Hibernate's own show_sql prints to stdout, which carries a command's result: SqlLog logs instead.
        configuration.setProperty(AvailableSettings.SHOW_SQL, "false");
        configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
        configuration.setProperty(AvailableSettings.ORDER_INSERTS, "true");
        configuration.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        this.sessionFactory = configuration.buildSessionFactory();
        return this;
    }

    public ConnectionTarget target() {
        return target;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one Hibernate transaction; entities must not leave it. */
    public <T> T inTransaction(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    /**
     * Runs {@code work}, which writes what a user entered, in one Hibernate transaction. A rule the
     * database enforces (check, unique, not null, foreign key) that the write breaks ends as a
     * {@link io.switchboard.common.ValidationException} naming the column and the rule; the
     * transaction is rolled back, so nothing of it is stored.
     */
    public <T> T inWriteTransaction(Function<Session, T> work) {
        try {
            return inTransaction(work);
        } catch (RuntimeException e) {
            throw violations.explain(e).<RuntimeException>map(v -> v).orElse(e);
        }
    }

    /** Explains a failed write of user input that did not go through {@link #inWriteTransaction}. */
    public ConstraintViolations violations() {
        return violations;
    }

    /** Runs {@code work} on one JDBC connection in one transaction, committing on success. */
    public <T> T inJdbcTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailed) {
                    // The connection broke or was evicted (a failover): the failure that did it is the one to report.
                    e.addSuppressed(rollbackFailed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * The server was lost and is reachable again, perhaps as another host after a failover: connections the pool
     * still holds may lead to the lost one, and the first borrower would only find out with an EOF. Idle ones are
     * closed now, busy ones when they come back, so the reloads that follow a reconnect get fresh connections.
     */
    public void dropPooledConnections() {
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    @Override
    public void close() {
        if (sessionFactory != null) {
            sessionFactory.close();
        }
        pool.close();
    }
}
