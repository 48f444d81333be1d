package io.switchboard.db;

/**
 * Where the database is, and whether Switchboard itself runs it. {@code hosts} may name several
 * servers (a primary and its standbys): the JDBC URL then asks the driver for the one with the
 * {@link Role} wanted, so every pool and listener built from it follows a failover by itself.
 */
public record ConnectionTarget(HostList hosts, String database, String user, String password, boolean embedded, Role role) {

    /** Which server of the list a connection must reach. */
    public enum Role {
        /** The writable one; a standby is never used, even if it is the only one up. */
        PRIMARY,
        /** A standby if one is up, else the primary; connections are read-only either way. */
        READ_REPLICA
    }

    /**
     * Seconds the driver trusts what it learnt about a host (primary, standby, down). Its default of
     * 10 s would keep a freshly promoted standby marked "standby" for that long after a failover.
     */
    static final int HOST_RECHECK_SECONDS = 2;

    public ConnectionTarget(String host, int port, String database, String user, String password, boolean embedded) {
        this(HostList.single(host, port), database, user, password, embedded, Role.PRIMARY);
    }

    /** The first host, for messages about a single server. */
    public String host() {
        return hosts.first().host();
    }

    public int port() {
        return hosts.first().port();
    }

    /** The same servers, database and credentials, for connections of another role. */
    public ConnectionTarget as(Role other) {
        return new ConnectionTarget(hosts, database, user, password, embedded, other);
    }

    public String jdbcUrl() {
        String url = "jdbc:postgresql://" + hosts + "/" + database;
        StringBuilder query = new StringBuilder();
        if (hosts.several()) {
            query.append("&targetServerType=").append(role == Role.PRIMARY ? "primary" : "preferSecondary")
                    .append("&hostRecheckSeconds=").append(HOST_RECHECK_SECONDS);
        }
        if (role == Role.READ_REPLICA) {
            query.append("&readOnly=true&readOnlyMode=always");
        }
        return query.isEmpty() ? url : url + "?" + query.substring(1);
    }

    /** Never the password, whole or in part: records print every component otherwise. */
    @Override
    public String toString() {
        return "ConnectionTarget[" + hosts + "/" + database + ", user " + user + ", password hidden, embedded " + embedded + ", " + role + "]";
    }

    /** For the status bar and messages; never includes the password. */
    public String describe() {
        String where = embedded ? "embedded PostgreSQL (port " + port() + ")" : hosts + "/" + database;
        return role == Role.READ_REPLICA ? where + " (reads)" : where;
    }
}
