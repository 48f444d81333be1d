package io.switchboard.db;

/** Where the database is, and whether Switchboard itself runs it. */
public record ConnectionTarget(String host, int port, String database, String user, String password, boolean embedded) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** For the status bar and messages; never includes the password. */
    public String describe() {
        return embedded ? "embedded PostgreSQL (port " + port + ")" : host + ":" + port + "/" + database;
    }
}
