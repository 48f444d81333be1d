package io.switchboard.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DB_LOGGING=true: every SQL statement the app sends through its pool, Hibernate's and the plain
 * JDBC ones alike, goes to the logger {@value #LOGGER}, which logback writes to the log file and
 * to stderr, never to stdout (a command's stdout is its result, for scripts to capture).
 *
 * <p>Only the statement text is logged, never its parameters: they carry message texts and,
 * when a number is connected, its encrypted secrets.
 */
final class SqlLog {
    static final String LOGGER = "io.switchboard.sql";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> PREPARES = Set.of("prepareStatement", "prepareCall");
    private static final Set<String> EXECUTES_TEXT = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private SqlLog() {
    }

    static DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    private static Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (PREPARES.contains(method.getName()) && args != null && args[0] instanceof String sql) {
                statement(sql);
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement s && !(result instanceof java.sql.PreparedStatement)) {
                return textStatement(s);
            }
            return result;
        });
    }

    /** A plain Statement gets its SQL with each call, so that is where it is logged. */
    private static Statement textStatement(Statement statement) {
        return proxy(Statement.class, statement, (target, method, args) -> {
            if (EXECUTES_TEXT.contains(method.getName()) && args != null && args.length > 0 && args[0] instanceof String sql) {
                statement(sql);
            }
            return invoke(target, method, args);
        });
    }

    private static void statement(String sql) {
        log.debug("{}", sql.strip().replaceAll("\\s+", " "));
    }

    private interface Call {
        Object on(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> wanted && wanted.isInstance(proxy)) {
                return proxy;
            }
            return call.on(target, method, args);
        };
        return (T) Proxy.newProxyInstance(SqlLog.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
