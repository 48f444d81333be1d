package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void migratesAnEmptyDatabaseAndHibernateValidatesEveryMapping() {
        try (Database db = Database.connect(TestDatabase.emptyDatabase(), 2, "test")) {
            Migrations migrations = new Migrations(db.dataSource());
            assertThat(migrations.pendingVersions()).contains("1", "2");
            assertThat(migrations.migrate()).isGreaterThanOrEqualTo(2);
            assertThat(migrations.pendingVersions()).isEmpty();
            db.startHibernate(false);
        }
    }
}
