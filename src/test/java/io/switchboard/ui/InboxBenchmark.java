package io.switchboard.ui;

import io.switchboard.app.Services;
import io.switchboard.config.Settings;
import io.switchboard.conversation.ConversationCursor;
import io.switchboard.conversation.ConversationFilter;
import io.switchboard.conversation.ConversationPage;
import io.switchboard.tenant.TenantView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The inbox at scale, measured on the running window: time from "database up" to an interactive
 * list, conversation switch latency, list paging, search, and the process's resident memory.
 * Run on a data folder filled by demo-data (the tenant with the most conversations is used):
 * java -Xmx256m -cp target/classes:target/test-classes:target/lib/* io.switchboard.ui.InboxBenchmark
 */
public final class InboxBenchmark {
    private InboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.load();
        UUID tenant;
        try (Services probe = Services.start(settings)) {
            tenant = biggestTenant(probe);
        }
        Preferences prefs = Preferences.userRoot().node("switchboard-benchmark");
        prefs.clear();
        prefs.put("tenant", tenant.toString());
        prefs.put("theme", "LIGHT");

        // As the real app does: the window shows at once and the database starts behind it.
        long t0 = System.nanoTime();
        long[] up = new long[1];
        Services[] started = new Services[1];
        Platform.startup(() -> { });
        DesktopApp app = new DesktopApp(() -> {
            started[0] = Services.start(settings);
            up[0] = System.nanoTime();
            return started[0];
        }, prefs);
        long windowStart = System.nanoTime();
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                app.start(stage);
                shown.complete(stage);
            } catch (Exception e) {
                shown.completeExceptionally(e);
            }
        });
        shown.get(30, TimeUnit.SECONDS);
        while (onFx(() -> app.model() == null || app.model().conversationList().rows().isEmpty())) {
            Thread.sleep(5);
        }
        // One more pulse: the rows are in the list and painted.
        onFx(() -> null);
        long interactive = System.nanoTime();
        long dbUp = up[0];
        Services services = started[0];
        System.out.printf("database start (embedded, already initialised): %d ms%n", (dbUp - t0) / 1_000_000);
        System.out.printf("window interactive after database up: %d ms (window creation to first rows: %d ms)%n",
                (interactive - dbUp) / 1_000_000, (interactive - windowStart) / 1_000_000);

        List<Long> switches = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int index = i % Math.min(40, onFx(() -> app.model().conversationList().rows().size()));
            onFx(() -> {
                app.model().conversationList().select(index);
                return null;
            });
            long deadline = System.currentTimeMillis() + 5000;
            long ms;
            while ((ms = onFx(() -> app.model().thread().lastSwitchMillisProperty().get())) < 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(1);
            }
            if (i >= 10) {
                switches.add(ms);
            }
            Thread.sleep(30);
        }
        Collections.sort(switches);
        System.out.printf("conversation switch, click to messages on screen (%d switches after 10 warm-up): p50 %d ms, p95 %d ms, max %d ms%n",
                switches.size(), switches.get(switches.size() / 2), switches.get((int) (switches.size() * 0.95)), switches.get(switches.size() - 1));

        pages(services, tenant);
        search(services, tenant, "refund");
        search(services, tenant, "Lindqvist");
        search(services, tenant, "0004711");
        long u0 = System.nanoTime();
        long unread = services.conversations().unreadTotal(tenant);
        System.out.printf("unread total (%d): %d ms%n", unread, (System.nanoTime() - u0) / 1_000_000);
        System.out.printf("resident memory (VmRSS) after all of the above: %s%n", rss());
        System.out.printf("heap used: %d MB of max %d MB%n", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        Platform.runLater(() -> {
            app.stop();
            Platform.exit();
        });
        Thread.sleep(500);
        System.exit(0);
    }

    private static void pages(Services services, UUID tenant) {
        ConversationCursor cursor = null;
        List<Long> times = new ArrayList<>();
        int rows = 0;
        for (int page = 0; page < 200 && (page == 0 || cursor != null); page++) {
            long s = System.nanoTime();
            ConversationPage p = services.conversations().list(tenant, ConversationFilter.ALL, "", cursor, 50);
            times.add((System.nanoTime() - s) / 1_000);
            rows += p.items().size();
            cursor = p.next();
        }
        Collections.sort(times);
        System.out.printf("conversation list pages of 50 (200 pages, %d rows, keyset): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", rows,
                times.get(times.size() / 2) / 1000.0, times.get((int) (times.size() * 0.95)) / 1000.0, times.get(times.size() - 1) / 1000.0);
        for (ConversationFilter f : ConversationFilter.values()) {
            long s = System.nanoTime();
            int n = services.conversations().list(tenant, f, "", null, 50).items().size();
            System.out.printf("first page, filter %s (%d rows): %.1f ms%n", f, n, (System.nanoTime() - s) / 1e6);
        }
    }

    private static void search(Services services, UUID tenant, String query) {
        services.conversations().list(tenant, ConversationFilter.ALL, query, null, 50);
        long s = System.nanoTime();
        int n = services.conversations().list(tenant, ConversationFilter.ALL, query, null, 50).items().size();
        System.out.printf("search \"%s\" first page (%d rows): %.1f ms%n", query, n, (System.nanoTime() - s) / 1e6);
    }

    private static UUID biggestTenant(Services services) {
        UUID best = null;
        long most = -1;
        for (TenantView t : services.tenants().list()) {
            long n = 0;
            ConversationCursor c = null;
            ConversationPage p = services.conversations().list(t.id(), ConversationFilter.ALL, "", null, 500);
            n = p.items().size();
            if (p.next() != null) {
                n = Long.MAX_VALUE - (best == null ? 0 : 1);
            }
            if (n > most) {
                most = n;
                best = t.id();
            }
        }
        return best;
    }

    private static String rss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?")
                .replace("VmRSS:", "").strip();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
