package io.switchboard.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.GuideDataSet;
import io.switchboard.testing.GuideDataSet.TenantRow;
import io.switchboard.testing.GuideQueries;
import io.switchboard.testing.Rows;
import io.switchboard.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The supervisor's numbers are the numbers the guide's own SQL gives on the same data. */
class StatsServiceTest {
    private static final Map<String, String> GUIDE = GuideQueries.byTitle("advanced-queries.sql");

    private static Database database;
    private static GuideDataSet data;
    private static StatsService stats;

    @BeforeAll
    static void fillDatabase() {
        database = TestDatabase.open();
        data = GuideDataSet.insertInto(database.dataSource(), 7L);
        stats = new StatsService(database);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void deliveryByTenantReturnsTheGuidesStatistics() {
        List<Map<String, Object>> guide = Rows.query(database.dataSource(), GUIDE.get("Get message delivery statistics by tenant"));

        List<DeliveryStats> service = stats.deliveryByTenant();

        assertThat(service).extracting(s -> List.<Object>of(s.tenant(), s.totalMessages(), s.sent(), s.delivered(), s.read(), s.failed(), s.deliveryRate()))
                .containsExactlyInAnyOrderElementsOf(guide.stream().map(r -> List.<Object>of(r.get("tenant"), number(r, "total_messages"),
                        number(r, "sent"), number(r, "delivered"), number(r, "read"), number(r, "failed"), r.get("delivery_rate"))).toList());
        // Non-trivial: four tenants with messages (two named Globex), rates that differ, one at zero.
        assertThat(service).hasSize(4).extracting(DeliveryStats::deliveryRate).contains(new BigDecimal("0.00")).doesNotHaveDuplicates();
    }

    @Test
    void deliveryByTenantNamesEachRowsTenantById() {
        Map<UUID, String> names = data.tenants.stream().collect(Collectors.toMap(TenantRow::id, TenantRow::name));

        assertThat(stats.deliveryByTenant()).allSatisfy(s -> assertThat(names.get(s.tenantId())).isEqualTo(s.tenant()))
                .extracting(DeliveryStats::tenantId).doesNotHaveDuplicates()
                .contains(data.tenant("Globex", "active").id(), data.tenant("Globex", "inactive").id());
    }

    @Test
    void volumeByDateReturnsTheGuidesVolumeForEveryTenant() {
        for (TenantRow tenant : data.tenants) {
            String sql = GUIDE.get("Get message volume by date for a tenant").replace("YOUR_TENANT_UUID", tenant.id().toString());
            List<Map<String, Object>> guide = Rows.query(database.dataSource(), sql);

            List<DailyVolume> service = stats.volumeByDate(tenant.id());

            assertThat(service).as(tenant.name()).containsExactlyElementsOf(guide.stream()
                    .map(r -> new DailyVolume(((java.sql.Date) r.get("date")).toLocalDate(), number(r, "message_count"))).toList());
        }
        assertThat(stats.volumeByDate(data.tenant("Acme Corp", "active").id())).hasSize(30);
        assertThat(stats.volumeByDate(data.tenant("Umbrella", "inactive").id())).isEmpty();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
