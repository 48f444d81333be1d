package io.switchboard.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testing.Rows;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-setup PostgreSQL in the user's data folder: kept across restarts, cleaned up after a crash, shared by a second window. */
class EmbeddedServerTest {
    @TempDir
    Path dataFolder;

    @Test
    void dataSurvivesAStopAndAStartInTheSameFolder() throws Exception {
        try (EmbeddedServer first = own()) {
            sql(first.target(), "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('kept')");
        }
        assertThat(dataFolder.resolve("pgdata").resolve("postmaster.pid")).as("stopped cleanly").doesNotExist();

        try (EmbeddedServer second = own()) {
            try (Database db = Database.connect(second.target(), 1, "test")) {
                assertThat(Rows.value(db.dataSource(), "SELECT text FROM notes")).isEqualTo("kept");
            }
        }
    }

    @Test
    void aSecondStartOnAFolderThisProcessAlreadyServesAttachesToTheSamePortAndKeepsTheFolderLocked() throws Exception {
        try (EmbeddedServer owner = own()) {
            AtomicReference<ConnectionTarget> attached = new AtomicReference<>();

            Optional<EmbeddedServer> second = EmbeddedServer.startOrAttach(dataFolder, attached::set);

            assertThat(second).isEmpty();
            assertThat(attached.get()).isEqualTo(owner.target());
            // Another process must still find the folder taken, or it would stop this live server as stale.
            assertThat(FolderLockProcess.firstLine(FolderLockProcess.start("probe", dataFolder))).isEqualTo("held");
        }
        assertThat(FolderLockProcess.firstLine(FolderLockProcess.start("probe", dataFolder))).as("after close").isEqualTo("free");
    }

    @Test
    void aFolderLockedByAnInstanceThatIsStillStartingIsRefusedWithAClearMessage() throws Exception {
        Process starting = FolderLockProcess.start("hold", dataFolder);
        try {
            assertThat(FolderLockProcess.firstLine(starting)).isEqualTo("locked");

            assertThatThrownBy(() -> EmbeddedServer.startOrAttach(dataFolder, target -> { }))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("Another Switchboard is starting or running on the data folder " + dataFolder
                            + " and its database could not be reached. Close the other window, or start this one with a different SWITCHBOARD_HOME.");
        } finally {
            starting.destroyForcibly().waitFor();
        }
    }

    @Test
    void aServerLeftRunningByACrashedOwnerIsStoppedAndANewOneStarts() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmbeddedServerOwner.class.getName(), dataFolder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int ownersPort = readPort(owner);
            long postmaster = Long.parseLong(EmbeddedServer.postmasterPidLines(dataFolder.resolve("pgdata")).get(0).strip());

            // While the owner lives, this process attaches to its server, as a second window would.
            AtomicReference<ConnectionTarget> attached = new AtomicReference<>();
            assertThat(EmbeddedServer.startOrAttach(dataFolder, attached::set)).isEmpty();
            assertThat(attached.get().port()).isEqualTo(ownersPort);
            sql(attached.get(), "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('written before the crash')");

            // The second window stays connected while the owner dies without a chance to stop PostgreSQL.
            try (Connection secondWindow = DriverManager.getConnection(attached.get().jdbcUrl(), attached.get().user(), attached.get().password())) {
                owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("left running by the crash").contains(true);

                long started = System.nanoTime();
                try (EmbeddedServer restarted = own()) {
                    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).as("seconds to take over").isLessThan(20);
                    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).as("old postmaster stopped").isFalse();
                    try (Database db = Database.connect(restarted.target(), 1, "test")) {
                        assertThat(Rows.value(db.dataSource(), "SELECT text FROM notes")).isEqualTo("written before the crash");
                    }
                }
            }
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    void aPostmasterThatDiesWhileTheAppRunsIsStartedAgainAndEverythingReconnects() throws Exception {
        try (EmbeddedServer server = own(); Database db = Database.connect(server.target(), 2, "test")) {
            sql(server.target(), "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('committed before the crash')");
            java.util.List<String> banner = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (var listener = new io.switchboard.live.ChangeListener(server.target(), new io.switchboard.live.ChangeListener.Events() {
                @Override
                public void changed(java.util.List<io.switchboard.live.Change> changes) {
                }

                @Override
                public void connection(boolean connected, boolean afterLoss, String detail) {
                    banner.add(connected ? (afterLoss ? "back" : "connected") : "lost");
                }
            }).start()) {
                await(() -> banner.contains("connected"), "the window's listener connected");
                long postmaster = Long.parseLong(EmbeddedServer.postmasterPidLines(dataFolder.resolve("pgdata")).get(0).strip());

                ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

                await(() -> server.restarts() == 1, "the supervisor started the server again");
                long restarted = Long.parseLong(EmbeddedServer.postmasterPidLines(dataFolder.resolve("pgdata")).get(0).strip());
                assertThat(restarted).isNotEqualTo(postmaster);
                await(() -> {
                    try {
                        return "committed before the crash".equals(Rows.value(db.dataSource(), "SELECT text FROM notes"));
                    } catch (AssertionError stillRecovering) {
                        return false;
                    }
                }, "the pool reconnected");
                await(() -> banner.contains("back"), "the window's banner went away");
                assertThat(banner).as("the banner showed while the server was down").containsSubsequence("connected", "lost", "back");
                assertThat(server.target().port()).as("same port, so every pool reconnects by itself").isEqualTo(db.target().port());
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private EmbeddedServer own() {
        return EmbeddedServer.startOrAttach(dataFolder, target -> {
            throw new AssertionError("expected to own the folder, attached to port " + target.port());
        }).orElseThrow();
    }

    private static int readPort(Process owner) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        assertThat(line).as("the owner's first line").startsWith("port ");
        return Integer.parseInt(line.substring(5));
    }

    private static void sql(ConnectionTarget target, String statements) throws Exception {
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password()); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}
