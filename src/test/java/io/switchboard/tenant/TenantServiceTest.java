package io.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantServiceTest {
    private Database database;
    private TenantService tenants;

    @BeforeEach
    void openDatabase() {
        database = TestDatabase.open();
        tenants = new TenantService(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void createsATenantWithTheGuidesDefaults() {
        TenantView created = tenants.create("  Acme Corp  ");

        assertThat(created.name()).isEqualTo("Acme Corp");
        assertThat(created.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(created.createdAt()).isNotNull();
        assertThat(Rows.query(database.dataSource(), "SELECT name, status FROM tenants WHERE id = '" + created.id() + "'"))
                .containsExactly(java.util.Map.of("name", "Acme Corp", "status", "active"));
    }

    @Test
    void listsActiveTenantsFirstThenByNameIgnoringCase() {
        TenantView zeta = tenants.create("zeta");
        TenantView alpha = tenants.create("Alpha");
        TenantView beta = tenants.create("beta");
        tenants.setStatus(alpha.id(), TenantStatus.INACTIVE);

        assertThat(tenants.list()).extracting(TenantView::name).containsExactly("beta", "zeta", "Alpha");
        assertThat(tenants.get(zeta.id()).status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(tenants.get(beta.id()).name()).isEqualTo("beta");
    }

    @Test
    void anEmptyNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> tenants.create("   "))
                .isInstanceOf(ValidationException.class).hasMessage("name: must not be empty");
        assertThat(tenants.list()).isEmpty();
    }

    @Test
    void aNameLongerThanTheGuidesColumnIsRefusedBeforeTheDatabaseSeesIt() {
        assertThatThrownBy(() -> tenants.create("x".repeat(151)))
                .isInstanceOf(ValidationException.class).hasMessage("name: must be at most 150 characters (it has 151)");
        assertThat(tenants.create("x".repeat(150)).name()).hasSize(150);
    }

    @Test
    void renamingAnUnknownTenantNamesIt() {
        UUID unknown = UUID.randomUUID();
        assertThatThrownBy(() -> tenants.rename(unknown, "Whoever"))
                .isInstanceOf(ValidationException.class).hasMessage("tenant: no tenant has id " + unknown);
    }

    @Test
    void aUniqueRuleAddedByTheDatabaseAdministratorReadsAsAClearMessage() throws SQLException {
        sql("ALTER TABLE tenants ADD CONSTRAINT tenants_name_key UNIQUE (name)");
        tenants.create("Acme");

        // Even a duplicate the app was told to allow: the administrator's rule wins, and reads clearly.
        assertThatThrownBy(() -> tenants.create("Acme", null, true))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name: must be unique: tenants already has Acme (tenants_name_key)");
        assertThat(tenants.list()).hasSize(1);
    }

    @Test
    void aCheckRuleAddedByTheDatabaseAdministratorReadsAsAClearMessageOnRename() throws SQLException {
        sql("ALTER TABLE tenants ADD CONSTRAINT tenants_name_not_reserved CHECK (name <> 'admin')");
        TenantView acme = tenants.create("Acme");

        assertThatThrownBy(() -> tenants.rename(acme.id(), "admin"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("name: must satisfy ((name)::text <> 'admin'::text) (tenants_name_not_reserved)");
        assertThat(tenants.get(acme.id()).name()).isEqualTo("Acme");
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
