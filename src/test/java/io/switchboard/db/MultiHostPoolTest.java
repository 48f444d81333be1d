package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.db.ConnectionTarget.Role;
import io.switchboard.testing.TestDatabase;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Against the real test server, listed after a host where nothing listens. */
class MultiHostPoolTest {

    @Test
    void aDeadFirstHostIsSkippedAndWritesReachThePrimary() throws Exception {
        ConnectionTarget real = TestDatabase.migratedDatabase();
        ConnectionTarget listed = withDeadHostFirst(real);

        try (Database db = Database.connect(listed, 2, "test")) {
            Integer written = db.inJdbcTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE failover_probe (n int)");
                    return s.executeUpdate("INSERT INTO failover_probe VALUES (1)");
                }
            });
            assertThat(written).isEqualTo(1);
            assertThat(db.target().jdbcUrl()).contains("targetServerType=primary");
        }
    }

    @Test
    void theReadPoolNeverWrites() throws Exception {
        ConnectionTarget reads = withDeadHostFirst(TestDatabase.migratedDatabase()).as(Role.READ_REPLICA);

        try (Database db = Database.connect(reads, 2, "test");
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            assertThat(c.isReadOnly()).isTrue();
            try (var rs = s.executeQuery("SELECT count(*) FROM tenants")) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> s.execute("CREATE TABLE must_not_exist (n int)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(StandbyEviction.READ_ONLY_TRANSACTION));
        }
    }

    private static ConnectionTarget withDeadHostFirst(ConnectionTarget real) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        HostList hosts = new HostList(List.of(new HostList.Address("127.0.0.1", dead), real.hosts().first()));
        return new ConnectionTarget(hosts, real.database(), real.user(), real.password(), false, Role.PRIMARY);
    }
}
