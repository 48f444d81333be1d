package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigurationException;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostListTest {

    @Test
    void eachPortIsOptionalAndDefaultsToDbPort() {
        HostList hosts = HostList.parse("DB_HOST", " db1:6432 , db2,10.0.0.7:5433", 5432);

        assertThat(hosts.addresses()).containsExactly(
                new HostList.Address("db1", 6432), new HostList.Address("db2", 5432), new HostList.Address("10.0.0.7", 5433));
        assertThat(hosts.toString()).isEqualTo("db1:6432,db2:5432,10.0.0.7:5433");
        assertThat(hosts.several()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "db1,,db2        | an entry is empty",
            "db1,            | an entry is empty",
            "db1:abc         | entry \"db1:abc\" has port \"abc\", not a number",
            "db1:0           | entry \"db1:0\" has port 0, outside 1-65535",
            "db1:70000       | entry \"db1:70000\" has port 70000, outside 1-65535",
            ":5432           | entry \":5432\" is not a host name or IPv4 address",
            "db 1            | entry \"db 1\" is not a host name or IPv4 address",
            "db1:5432,db1    | db1:5432 is listed twice",
    })
    void badEntriesAreRefusedNamingTheVariableAndTheRule(String value, String problem) {
        assertThatThrownBy(() -> HostList.parse("DB_READ_HOST", value, 5432))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DB_READ_HOST must be " + HostList.RULE)
                .hasMessageContaining(problem);
    }

    @Test
    void oneHostKeepsThePlainUrl() {
        ConnectionTarget target = new ConnectionTarget("db1", 5432, "inbox", "app", "secret", false);

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432/inbox");
    }

    @Test
    void severalHostsAskTheDriverForThePrimaryAndRecheckQuickly() {
        ConnectionTarget target = startupTarget(Map.of("DB_HOST", "db1:5432,db2", "DB_PORT", "6543"));

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:6543/inbox?targetServerType=primary&hostRecheckSeconds=2");
        assertThat(target.host()).isEqualTo("db1");
        assertThat(target.describe()).isEqualTo("db1:5432,db2:6543/inbox").doesNotContain("secret");
        assertThat(target.toString()).doesNotContain("secret");
    }

    @Test
    void readsPreferAStandbyAndAreReadOnly() {
        ConnectionTarget reads = startupTarget(Map.of("DB_HOST", "db1,db2")).as(Role.READ_REPLICA);

        assertThat(reads.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:5432/inbox?targetServerType=preferSecondary&hostRecheckSeconds=2&readOnly=true&readOnlyMode=always");
        assertThat(HostList.single("db3", 5432).toString()).isEqualTo("db3:5432");
        assertThat(new ConnectionTarget("db3", 5432, "inbox", "app", "", false).as(Role.READ_REPLICA).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db3:5432/inbox?readOnly=true&readOnlyMode=always");
    }

    @Test
    void aBadDbHostStopsStartupNamingIt() {
        assertThatThrownBy(() -> startupTarget(Map.of("DB_HOST", "db1:5432,db2:x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DB_HOST must be ")
                .hasMessageContaining("\"db2:x\"");
    }

    private static ConnectionTarget startupTarget(Map<String, String> environment) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(environment);
        env.put("DB_NAME", "inbox");
        env.put("DB_PASSWORD", "secret");
        env.put("SWITCHBOARD_HOME", Path.of("target", "hostlist-home").toAbsolutePath().toString());
        Settings settings = Settings.load(env, Path.of("target").toAbsolutePath(), "Linux", "/nonexistent");
        return DatabaseStartup.external(settings);
    }
}
