package io.switchboard.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantUpdate;
import io.switchboard.testing.TestDatabase;
import java.io.StringReader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Numbers without "+" and names with control characters, as people type them into contacts. */
class ContactInputTest {
    private Database db;
    private ContactService contacts;
    private TenantService tenants;
    private UUID tenant;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open();
        contacts = new ContactService(db);
        tenants = new TenantService(db);
        tenant = tenants.create("Loja").id();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aNumberWithoutPlusIsRefusedUntilTheTenantHasADefaultCountry() {
        assertThatThrownBy(() -> contacts.create(tenant, new ContactDraft("Ana", "11 98765-4321", null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("phone"))
                .hasMessageContaining("has no country code").hasMessageContaining("international form");
        assertThat(contacts.page(tenant, null, ContactSort.PHONE, true, null, 10).items()).isEmpty();

        tenants.update(tenant, new TenantUpdate(null, "BR", false));
        assertThat(contacts.create(tenant, new ContactDraft("Ana", "11 98765-4321", null, null)).phone()).isEqualTo("+5511987654321");
        // "00" and "+" are international whatever the default country.
        assertThat(contacts.create(tenant, new ContactDraft("Jo", "0049 151 1234 5678", null, null)).phone()).isEqualTo("+4915112345678");

        tenants.update(tenant, new TenantUpdate(null, "", false));
        assertThat(tenants.get(tenant).defaultCountry()).isNull();
        assertThatThrownBy(() -> contacts.create(tenant, new ContactDraft("Bo", "11 91234-5678", null, null))).hasMessageContaining("has no country code");
    }

    @Test
    void csvRowsWithoutPlusAreReportedByLineWhileTheOthersImport() {
        ImportReport report = contacts.importCsv(tenant, new StringReader("phone,name\n5554440001,Ambiguous\n+15554440001,Clear\n"), (f, what) -> { });

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("phone");
            assertThat(e.message()).contains("has no country code");
        });
    }

    @Test
    void controlCharactersInAContactNameAreRefusedNamingTheField() {
        for (String name : new String[] {"Ana\nBerg", "Ana\tBerg", "Ana\u001b[2J", "Ana\u200B", "\u202Egreb anA"}) {
            assertThatThrownBy(() -> contacts.create(tenant, new ContactDraft(name, "+4915112345678", null, null)))
                    .as(name.replace("\u001b", "ESC"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"))
                    .hasMessageContaining("must not contain control characters");
        }
        // Emoji sequences and joiners that scripts need are names, not controls.
        assertThat(contacts.create(tenant, new ContactDraft("Ana 👩‍💻", "+4915112345678", null, null)).name()).isEqualTo("Ana 👩‍💻");
        assertThat(contacts.create(tenant, new ContactDraft("می‌خواهم", "+4915112345679", null, null)).name()).isEqualTo("می‌خواهم");
    }

    @Test
    void tenantNamesFollowTheSameRuleAndDuplicatesAreRefusedIgnoringCase() {
        assertThatThrownBy(() -> tenants.create("Acme\r\nCorp")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).startsWith("name: must not contain control characters (found a carriage return (U+000D) at position 5)"));
        assertThatThrownBy(() -> tenants.create("LOJA")).hasMessageStartingWith("name: a tenant named \"Loja\" already exists");
        UUID other = tenants.create("Other").id();
        assertThatThrownBy(() -> tenants.rename(other, "loja")).hasMessageStartingWith("name: a tenant named \"Loja\" already exists");
        assertThat(tenants.rename(tenant, "LOJA").name()).as("its own name in another case").isEqualTo("LOJA");
        assertThat(tenants.create("loja", null, true).name()).isEqualTo("loja");
        assertThat(tenants.list()).hasSize(3);
    }
}
