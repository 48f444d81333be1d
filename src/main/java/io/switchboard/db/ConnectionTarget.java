package io.switchboard.db;

/** Where the database is, and whether Switchboard itself runs it. */
public record ConnectionTarget(String host, int port, String database, String user, String password, boolean embedded) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Never the password, whole or in part: records print every component otherwise. */
    @Override
    public String toString() {
        return "ConnectionTarget[" + host + ":" + port + "/" + database + ", user " + user + ", password hidden, embedded " + embedded + "]";
    }

    /** For the status bar and messages; never includes the password. */
    public String describe() {
        return embedded ? "embedded PostgreSQL (port " + port + ")" : host + ":" + port + "/" + database;
    }
}
