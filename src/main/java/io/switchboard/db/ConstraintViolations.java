package io.switchboard.db;

import io.switchboard.common.ValidationException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a rule the database enforced (check, unique, not null, foreign key) into a
 * {@link ValidationException} that names the column and the rule, e.g.
 * {@code status: must be one of active, inactive (tenants_status_check)}.
 *
 * <p>PostgreSQL's error names a violated check constraint but not what it allows, so the
 * allowed values are read from the catalog ({@code pg_get_constraintdef}) the first time a
 * check fails. The catalog, not a Java copy, is the truth: it also covers rules a DBA added.
 */
public final class ConstraintViolations {
    private static final Pattern KEY = Pattern.compile("Key \\((.*)\\)=\\((.*)\\) (already exists|is not present in table \"(\\w+)\"|is still referenced from table \"(\\w+)\")\\.?",
            Pattern.DOTALL);
    private static final Pattern IN_LIST = Pattern.compile("= ANY \\(+ARRAY\\[(.*)]");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    private static final String CHECKS = """
            SELECT rel.relname AS table_name, c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS definition,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) AS k(attnum)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY a.attnum) AS columns
            FROM pg_constraint c
            JOIN pg_class rel ON rel.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = rel.relnamespace
            WHERE c.contype = 'c' AND n.nspname = current_schema()""";

    /** A check constraint as the catalog states it. */
    record CheckRule(List<String> columns, String definition) {
        List<String> allowedValues() {
            Matcher in = IN_LIST.matcher(definition);
            if (columns.size() != 1 || !in.find()) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            Matcher literal = LITERAL.matcher(in.group(1));
            while (literal.find()) {
                values.add(literal.group(1).replace("''", "'"));
            }
            return values;
        }

        /** "(send_rate_per_second > 0)" out of "CHECK ((send_rate_per_second > 0))". */
        String expression() {
            return definition.startsWith("CHECK (") && definition.endsWith(")") ? definition.substring(7, definition.length() - 1) : definition;
        }
    }

    private final DataSource dataSource;
    private volatile Map<String, CheckRule> checks;

    public ConstraintViolations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The clear message for a violated constraint anywhere among {@code failure}'s causes; empty for any other failure. */
    public Optional<ValidationException> explain(Throwable failure) {
        ServerErrorMessage error = serverError(failure);
        if (error == null || error.getSQLState() == null) {
            return Optional.empty();
        }
        return switch (error.getSQLState()) {
            case "23514" -> Optional.of(check(error, failure));
            case "23505", "23503" -> Optional.of(key(error, failure));
            case "23502" -> Optional.of(new ValidationException(error.getColumn(), "must not be empty (" + error.getTable() + "." + error.getColumn()
                    + " is NOT NULL)", failure));
            default -> Optional.empty();
        };
    }

    private ValidationException check(ServerErrorMessage error, Throwable failure) {
        String constraint = error.getConstraint();
        CheckRule rule = checks().get(error.getTable() + "." + constraint);
        if (rule == null) {
            return new ValidationException(error.getTable(), "breaks the rule " + constraint, failure);
        }
        String field = String.join(", ", rule.columns().isEmpty() ? List.of(error.getTable()) : rule.columns());
        List<String> allowed = rule.allowedValues();
        return allowed.isEmpty()
                ? new ValidationException(field, "must satisfy " + rule.expression() + " (" + constraint + ")", failure)
                : new ValidationException(field, "must be one of " + String.join(", ", allowed) + " (" + constraint + ")", failure);
    }

    private static ValidationException key(ServerErrorMessage error, Throwable failure) {
        Matcher key = error.getDetail() == null ? null : KEY.matcher(error.getDetail());
        if (key == null || !key.matches()) {
            return new ValidationException(error.getTable(), error.getMessage(), failure);
        }
        String columns = key.group(1);
        String values = key.group(2);
        boolean several = columns.contains(",");
        if (key.group(3).equals("already exists")) {
            return new ValidationException(columns, (several ? "must be unique together: " : "must be unique: ") + error.getTable()
                    + " already has " + (several ? "(" + values + ")" : values) + " (" + error.getConstraint() + ")", failure);
        }
        if (key.group(4) != null) {
            return new ValidationException(columns, "must refer to an existing row of " + key.group(4) + ", and " + values + " does not ("
                    + error.getConstraint() + ")", failure);
        }
        return new ValidationException(error.getTable(), "cannot be removed while " + key.group(5) + " still refers to it ("
                + columns + " = " + values + ")", failure);
    }

    private Map<String, CheckRule> checks() {
        Map<String, CheckRule> loaded = checks;
        if (loaded == null) {
            try {
                loaded = loadChecks();
                checks = loaded;
            } catch (SQLException e) {
                // Explaining must never hide the failure it explains: fall back to the constraint's name.
                return Map.of();
            }
        }
        return loaded;
    }

    private Map<String, CheckRule> loadChecks() throws SQLException {
        // A fresh connection: the one that failed is in an aborted transaction.
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CHECKS); ResultSet rs = ps.executeQuery()) {
            Map<String, CheckRule> rules = new HashMap<>();
            while (rs.next()) {
                Array columns = rs.getArray("columns");
                rules.put(rs.getString("table_name") + "." + rs.getString("constraint_name"),
                        new CheckRule(List.of((String[]) columns.getArray()), rs.getString("definition")));
            }
            return Map.copyOf(rules);
        }
    }

    private static ServerErrorMessage serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
            if (t instanceof SQLException sql && sql.getNextException() instanceof PSQLException next && next.getServerErrorMessage() != null) {
                // JDBC batches report the row's own error as the next exception.
                return next.getServerErrorMessage();
            }
        }
        return null;
    }
}
