package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.common.ValidationException;
import io.switchboard.tenant.Tenant;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rule the database enforces, broken, reads as the column, the rule and (for checks) the allowed values. */
class ConstraintViolationsTest {
    private static final String TENANT = "00000000-0000-4000-8000-00000000000a";
    private static final String CONTACT = "00000000-0000-4000-8000-00000000000b";
    private static final String CONVERSATION = "00000000-0000-4000-8000-00000000000c";

    private static Database database;

    @BeforeAll
    static void openDatabase() throws SQLException {
        database = TestDatabase.open();
        execute("INSERT INTO tenants (id, name) VALUES ('" + TENANT + "', 'Acme')");
        execute("INSERT INTO contacts (id, tenant_id, phone) VALUES ('" + CONTACT + "', '" + TENANT + "', '+15550001111')");
        execute("INSERT INTO conversations (id, tenant_id, contact_id) VALUES ('" + CONVERSATION + "', '" + TENANT + "', '" + CONTACT + "')");
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void aTenantStatusOutsideTheGuidesValues() {
        assertThat(explain("INSERT INTO tenants (name, status) VALUES ('Bogus Ltd', 'bogus')"))
                .hasMessage("status: must be one of active, inactive (tenants_status_check)")
                .extracting(ValidationException::field).isEqualTo("status");
    }

    @Test
    void aMessageDirectionOutsideTheGuidesValues() {
        assertThat(explain("INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type) VALUES ('"
                + TENANT + "', '" + CONVERSATION + "', '" + CONTACT + "', 'sideways', 'text')"))
                .hasMessage("direction: must be one of inbound, outbound (messages_direction_check)");
    }

    @Test
    void aConversationStatusOutsideTheGuidesValues() {
        assertThat(explain("UPDATE conversations SET status = 'deleted' WHERE id = '" + CONVERSATION + "'"))
                .hasMessage("status: must be one of open, closed, archived (conversations_status_check)");
    }

    @Test
    void aCheckThatIsNotAListOfValuesIsQuoted() {
        assertThat(explain("INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, access_token_enc, app_secret_enc, verify_token_enc, "
                + "send_rate_per_second) VALUES ('" + TENANT + "', '1234', 'x', 'x', 'x', 0)"))
                .hasMessage("send_rate_per_second: must satisfy (send_rate_per_second > 0) (whatsapp_accounts_send_rate_per_second_check)");
    }

    @Test
    void aDuplicatePhoneOfTheSameTenant() {
        assertThat(explain("INSERT INTO contacts (tenant_id, phone) VALUES ('" + TENANT + "', '+15550001111')"))
                .hasMessage("tenant_id, phone: must be unique together: contacts already has (" + TENANT + ", +15550001111) (contacts_tenant_id_phone_key)")
                .extracting(ValidationException::field).isEqualTo("tenant_id, phone");
    }

    @Test
    void aMissingRequiredValue() {
        assertThat(explain("INSERT INTO contacts (tenant_id, phone) VALUES ('" + TENANT + "', NULL)"))
                .hasMessage("phone: must not be empty (contacts.phone is NOT NULL)");
    }

    @Test
    void aReferenceToATenantThatDoesNotExist() {
        String nobody = "00000000-0000-4000-8000-0000000000ff";
        assertThat(explain("INSERT INTO contacts (tenant_id, phone) VALUES ('" + nobody + "', '+15550002222')"))
                .hasMessage("tenant_id: must refer to an existing row of tenants, and " + nobody + " does not (contacts_tenant_id_fkey)");
    }

    @Test
    void otherFailuresAreNotConstraintViolations() {
        SQLException syntax = failure("SELEKT 1");
        assertThat(database.violations().explain(syntax)).isEmpty();
        assertThat(database.violations().explain(new IllegalStateException("no SQL here"))).isEmpty();
    }

    @Test
    void aWriteThatBreaksARuleStoresNothingOfItsTransaction() {
        Throwable failure = catchThrowable(() -> database.inWriteTransaction(session -> {
            session.persist(new Tenant("Written first"));
            session.flush();
            return session.createNativeMutationQuery("UPDATE tenants SET status = 'bogus' WHERE name = 'Written first'").executeUpdate();
        }));

        assertThat(failure).isInstanceOf(ValidationException.class).hasMessageStartingWith("status: must be one of active, inactive");
        assertThat(Rows.value(database.dataSource(), "SELECT count(*) FROM tenants WHERE name = 'Written first'")).isEqualTo(0L);
    }

    private static ValidationException explain(String sql) {
        SQLException failure = failure(sql);
        return database.violations().explain(failure)
                .orElseThrow(() -> new AssertionError("not explained: " + failure.getSQLState() + " " + failure.getMessage()));
    }

    private static SQLException failure(String sql) {
        try {
            execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
