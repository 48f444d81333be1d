package io.switchboard.agent;

import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.db.Migrations;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A team's database the way a team runs one: owned by a role that is no superuser (the service role
 * `serve` and `migrate` use), with CREATEROLE so it can add agents, migrated by that role; two tenants
 * with a few rows in every table an agent might want to reach.
 */
public final class TeamDatabase implements AutoCloseable {
    private static final AtomicInteger counter = new AtomicInteger();

    public final String prefix;
    public final String name;
    public final ConnectionTarget ownerTarget;
    public final Database owner;
    public final UUID tenantA;
    public final UUID tenantB;

    public TeamDatabase() {
        TestDatabase.migratedDatabase(); // the template run creates the group role switchboard_agents on this server
        prefix = "t" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet() + "_";
        name = prefix + "team";
        String ownerRole = prefix + "service";
        TestDatabase.executeAsSuperuser("CREATE ROLE " + ownerRole + " LOGIN PASSWORD 'service-pw' CREATEROLE");
        // The group role already exists on this shared test server (made by the superuser); a team's own
        // server has the owner create it, which gives the owner this option by itself.
        TestDatabase.executeAsSuperuser("GRANT " + AgentAdmin.GROUP + " TO " + ownerRole + " WITH ADMIN OPTION");
        TestDatabase.executeAsSuperuser("CREATE DATABASE " + name + " OWNER " + ownerRole + " TEMPLATE template0");
        ownerTarget = new ConnectionTarget("127.0.0.1", TestDatabase.server().getPort(), name, ownerRole, "service-pw", false);
        owner = Database.connect(ownerTarget, 4, "test");
        new Migrations(owner.dataSource()).migrate();
        tenantA = fill("Acme");
        tenantB = fill("Globex");
    }

    /** A tenant with a contact, a conversation, an inbound message and its status, a template, a number, a campaign and an automation. */
    private UUID fill(String tenantName) {
        return owner.inJdbcTransaction(c -> {
            UUID tenant = insertReturning(c, "INSERT INTO tenants (name) VALUES (?) RETURNING id", tenantName);
            UUID contact = insertReturning(c, "INSERT INTO contacts (tenant_id, name, phone) VALUES (?, '" + tenantName + " customer', '+1555" + Math.abs(tenantName.hashCode() % 1000000) + "') RETURNING id", tenant);
            UUID conversation = insertReturning(c, "INSERT INTO conversations (tenant_id, contact_id, last_message_at) VALUES (?, '" + contact + "', NOW()) RETURNING id", tenant);
            UUID message = insertReturning(c, "INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status)"
                    + " VALUES (?, '" + conversation + "', '" + contact + "', 'inbound', 'text', 'a secret of " + tenantName + "', 'delivered') RETURNING id", tenant);
            execute(c, "INSERT INTO message_statuses (tenant_id, message_id, status) VALUES ('" + tenant + "', '" + message + "', 'delivered')");
            execute(c, "INSERT INTO templates (tenant_id, name, body, status) VALUES ('" + tenant + "', 'welcome', 'Hi {{1}}', 'approved')");
            execute(c, "INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc)"
                    + " VALUES ('" + tenant + "', '" + tenantName + "-pnid', 'ENC-TOKEN-" + tenantName + "', 'ENC-SECRET', 'ENC-VERIFY')");
            execute(c, "INSERT INTO campaigns (tenant_id, name, message, recipients) VALUES ('" + tenant + "', 'Launch', 'Hello', ARRAY['+15550000001'])");
            execute(c, "INSERT INTO automations (tenant_id, name, trigger_type, trigger_config, action_type, action_config)"
                    + " VALUES ('" + tenant + "', 'Greeter', 'webhook', '{}', 'send_message', '{}')");
            return tenant;
        });
    }

    public UUID conversationOf(UUID tenant) {
        return owner.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM conversations WHERE tenant_id = ?")) {
                ps.setObject(1, tenant);
                var rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
    }

    public UUID contactOf(UUID tenant) {
        return owner.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM contacts WHERE tenant_id = ?")) {
                ps.setObject(1, tenant);
                var rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
    }

    /** Adds an agent through the same service `agent add` uses, as the owner; returns their one-time password. */
    public NewPassword agent(String login, UUID tenant, AgentRole role) {
        return new AgentAdmin(owner).add(login + " (test)", prefix + login, tenant, role, null);
    }

    /** A plain JDBC connection with the agent's own credentials: what psql with them would get. */
    public Connection connectAs(NewPassword credentials) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", credentials.login());
        p.setProperty("password", credentials.password());
        return DriverManager.getConnection(ownerTarget.jdbcUrl(), p);
    }

    private static UUID insertReturning(Connection c, String sql, Object value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, value);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        owner.close();
    }
}
