package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationEngine;
import io.switchboard.automation.AutomationService;
import io.switchboard.config.SecretBox;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 mid-run: `automation run` in its own JVM calls a CRM endpoint that holds the request; the JVM is killed
 * with SIGKILL while the request is in flight. The run is left running; the next worker fails it as interrupted,
 * counts it, and never sends the request again.
 */
class AutomationKillTest {
    private final CommandLineDatabase cli = new CommandLineDatabase(false);
    private final CountDownLatch received = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer crm;
    private ChildApp child;

    @AfterEach
    void close() {
        release.countDown();
        if (child != null) {
            child.close();
        }
        if (crm != null) {
            crm.stop(0);
        }
        cli.close();
    }

    @Test
    void aRunKilledDuringItsHttpRequestIsFailedAsInterruptedAndNotRepeated() throws Exception {
        crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        crm.createContext("/", ex -> {
            requests.incrementAndGet();
            received.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        crm.start();
        UUID tenant = cli.tenant("Kill test");
        AutomationService service = new AutomationService(cli.db, SecretBox.fromSettings(cli.settings()));
        UUID id = service.create(tenant, AutomationDraft.fromJson("""
                {"name": "CRM", "trigger_type": "manual", "trigger_config": {}, "action_type": "http_request",
                 "action_config": {"method": "POST", "url": "http://127.0.0.1:%d/crm", "body": {"phone": "{{contact.phone}}"},
                                   "allow_private_network": true}}""".formatted(crm.getAddress().getPort()))).id();

        child = ChildApp.start(List.of(), env -> env.putAll(cli.environment), "automation", "run", id.toString(), "--contact", "+5511987654321");
        assertThat(received.await(60, TimeUnit.SECONDS)).as("the child called the CRM").isTrue();
        child.kill();
        assertThat(cli.one("SELECT status FROM automation_runs WHERE automation_id = ?", id)).isEqualTo("running");

        AutomationEngine worker = new AutomationEngine(cli.db, SecretBox.fromSettings(cli.settings()), Duration.ofMillis(10));
        assertThat(worker.failInterrupted(Instant.now().plusSeconds(1))).isEqualTo(1);
        worker.work(Instant.now());
        assertThat(cli.one("SELECT status FROM automation_runs WHERE automation_id = ?", id)).isEqualTo("failed");
        assertThat(cli.one("SELECT error FROM automation_runs WHERE automation_id = ?", id)).startsWith("interrupted");
        assertThat(cli.one("SELECT execution_count || '/' || success_count || '/' || failure_count FROM automations WHERE id = ?", id)).isEqualTo("1/0/1");
        assertThat(requests.get()).as("the request is not sent again by itself").isEqualTo(1);
    }
}
