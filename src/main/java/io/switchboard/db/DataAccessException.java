package io.switchboard.db;

import java.sql.SQLException;

/** An unexpected SQL failure, unchecked so services stay readable. */
public class DataAccessException extends RuntimeException {
    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
