package io.switchboard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.db.Database;
import io.switchboard.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecondaryIndexesTest {

    @Test
    void setsAsideOnlyIndexesNoConstraintNeedsAndBuildsThemAgainAsTheyWere() {
        try (Database db = TestDatabase.open()) {
            db.inJdbcTransaction(c -> {
                List<String> before = indexes(c, "messages");
                SecondaryIndexes aside = SecondaryIndexes.drop(c, "messages");
                List<String> during = indexes(c, "messages");
                assertThat(during).hasSize(1).allMatch(d -> d.startsWith("CREATE UNIQUE INDEX messages_pkey "));
                assertThat(before).hasSizeGreaterThan(10).contains(during.get(0))
                        .anyMatch(d -> d.contains("gin_trgm_ops")).anyMatch(d -> d.contains("WHERE"));
                aside.restore(c);
                assertThat(indexes(c, "messages")).isEqualTo(before);
                return null;
            });
        }
    }

    private static List<String> indexes(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE tablename = ? ORDER BY indexname")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
