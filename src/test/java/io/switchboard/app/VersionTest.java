package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** --version names the build: Maven's version and the commit it was built from (surefire passes both in from the pom). */
class VersionTest {
    @Test
    void theVersionAndCommitAreTheOnesMavenBuilt() {
        assertThat(Version.current()).isEqualTo(System.getProperty("switchboard.build.version"));
        assertThat(Version.commit()).isEqualTo(System.getProperty("switchboard.build.commit")).matches("[0-9a-f]{12}|unknown");
        assertThat(Version.describe()).isEqualTo("switchboard " + Version.current() + " (commit " + Version.commit() + ")");
    }
}
