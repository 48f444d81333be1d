package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigurationException;
import io.switchboard.config.Settings;
import io.switchboard.stats.StatsService;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadReplicaTest {

    @Test
    void withoutDbReadHostTheDashboardReadsThePrimary() {
        try (Database primary = TestDatabase.open()) {
            assertThat(ReadReplica.open(settings(Map.of()), primary, 2)).isSameAs(primary);
        }
    }

    @Test
    void dbReadHostOpensAReadOnlyPoolTheStatsAreReadFrom() {
        try (Database primary = TestDatabase.open()) {
            new TenantService(primary).create("Replica Reader");
            String readHost = "127.0.0.1:" + primary.target().port();
            try (Database reads = ReadReplica.open(settings(Map.of("DB_READ_HOST", readHost)), primary, 2)) {
                assertThat(reads).isNotSameAs(primary);
                assertThat(reads.target().jdbcUrl()).endsWith("readOnly=true&readOnlyMode=always");
                assertThat(reads.target().describe()).endsWith("(reads)");
                assertThat(ReadReplica.replayLag(reads)).as("a primary has no lag").isEqualTo(Duration.ZERO);
                assertThat(ReadReplica.lagNotice(reads)).isEmpty();
                assertThat(new StatsService(primary, reads).deliveryByTenant()).isEmpty();
                assertThatThrownBy(() -> reads.inJdbcTransaction(c -> c.createStatement().executeUpdate("DELETE FROM tenants")))
                        .rootCause().hasMessageContaining("cannot execute DELETE in a read-only transaction");
            }
        }
    }

    @Test
    void aBadDbReadHostIsRefusedNamingIt() {
        try (Database primary = TestDatabase.open()) {
            assertThatThrownBy(() -> ReadReplica.open(settings(Map.of("DB_READ_HOST", "replica1:5432,,replica2")), primary, 2))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("DB_READ_HOST must be " + HostList.RULE);
        }
    }

    private static Settings settings(Map<String, String> extra) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(extra);
        env.put("SWITCHBOARD_HOME", Path.of("target", "replica-home").toAbsolutePath().toString());
        return Settings.load(env, Path.of("target").toAbsolutePath(), "Linux", "/nonexistent");
    }
}
