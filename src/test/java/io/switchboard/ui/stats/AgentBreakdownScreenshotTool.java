package io.switchboard.ui.stats;

import io.switchboard.db.Database;
import io.switchboard.stats.StatsRange;
import io.switchboard.stats.StatsService;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The README's "By agent" screenshot: three agents and an automation answer and close a week of conversations.
 * Run headless like StatsScreenshotTool: java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.stats.AgentBreakdownScreenshotTool docs/screenshots
 */
public final class AgentBreakdownScreenshotTool {
    private AgentBreakdownScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        Database db = TestDatabase.open();
        UUID tenant = new TenantService(db).create("Acme Support").id();
        List<UUID> agents = List.of(agent(db, tenant, "ana_shot", "Ana Souza"), agent(db, tenant, "ben_shot", "Ben Okafor"),
                agent(db, tenant, "chloe_shot", "Chloé Martin"));
        Random random = new Random(7);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < 120; i++) {
            int who = random.nextInt(4); // 3: the away-message automation
            UUID agent = who < 3 ? agents.get(who) : null;
            int waitMinutes = who == 0 ? 5 + random.nextInt(40) : who == 1 ? 20 + random.nextInt(180) : who == 2 ? 2 + random.nextInt(15) : 0;
            String day = today.minusDays(random.nextInt(7)) + " " + String.format("%02d:%02d", 8 + random.nextInt(9), random.nextInt(60));
            exec(db, """
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone) VALUES (?, ?) RETURNING id),
                         cv AS (INSERT INTO conversations (tenant_id, contact_id, assigned_agent_id) SELECT ?, id, ? FROM ct RETURNING id, contact_id),
                         inbound AS (INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                                     SELECT ?, id, contact_id, 'inbound', 'text', 'hi', 'delivered', ?::timestamp FROM cv RETURNING 1)
                    SELECT 1""", tenant, "+49151" + (1000000 + i), tenant, agent, tenant, day);
            exec(db, """
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, sent_by_agent_id, created_at,
                                          sent_at, delivered_at, read_at)
                    SELECT c.tenant_id, c.id, c.contact_id, 'outbound', 'text', 'hello', ?, ?, t, t, CASE WHEN ? THEN t END, CASE WHEN ? THEN t END
                    FROM conversations c JOIN contacts k ON k.id = c.contact_id
                    CROSS JOIN (SELECT ?::timestamp + make_interval(mins => ?) AS t) x
                    WHERE k.phone = ? AND k.tenant_id = ?""", random.nextInt(5) == 0 ? "delivered" : "read", agent, true, random.nextInt(5) != 0, day,
                    waitMinutes, "+49151" + (1000000 + i), tenant);
            if (random.nextInt(3) > 0) {
                int open = who == 1 ? 300 + random.nextInt(900) : 30 + random.nextInt(240);
                final int n = i;
                db.inJdbcTransaction(c -> {
                    // Two statements, one transaction (one NOW()): the close measures from the opening set just before.
                    for (String sql : List.of("UPDATE conversations SET opened_at = (NOW() AT TIME ZONE 'UTC') - make_interval(mins => ?)"
                            + " WHERE contact_id = (SELECT id FROM contacts WHERE tenant_id = ? AND phone = ?)",
                            "UPDATE conversations SET status = 'closed' WHERE ?::int IS NOT NULL"
                                    + " AND contact_id = (SELECT id FROM contacts WHERE tenant_id = ? AND phone = ?)")) {
                        try (PreparedStatement ps = c.prepareStatement(sql)) {
                            ps.setInt(1, open);
                            ps.setObject(2, tenant);
                            ps.setString(3, "+49151" + (1000000 + n));
                            ps.executeUpdate();
                        }
                    }
                    return null;
                });
            }
        }
        StatsService stats = new StatsService(db);
        AgentBreakdownViewModel vm = new AgentBreakdownViewModel(stats, Runnable::run, Runnable::run);
        Platform.startup(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        CompletableFuture<Stage> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            vm.load(tenant, new StatsRange(today.minusDays(6), today));
            Stage stage = new Stage();
            StackPane root = new StackPane(new AgentBreakdownView(vm).load());
            root.getStylesheets().add(AgentBreakdownScreenshotTool.class.getResource("/styles/stats.css").toExternalForm());
            stage.setScene(new Scene(root, 1380, 250));
            stage.show();
            opened.complete(stage);
        });
        Stage stage = opened.get(60, TimeUnit.SECONDS);
        Thread.sleep(1500);
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> shot.complete(stage.getScene().snapshot(null)));
        write(shot.get(60, TimeUnit.SECONDS), new File(out, "stats-by-agent-light.png"));
        Platform.exit();
        System.exit(0);
    }

    static void write(WritableImage image, File file) throws java.io.IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(img, "png", file);
        System.out.println("wrote " + file);
    }

    private static UUID agent(Database db, UUID tenant, String login, String name) {
        UUID id = db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (login, display_name) VALUES (?, ?) RETURNING id")) {
                ps.setString(1, login);
                ps.setString(2, name);
                var rs = ps.executeQuery();
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        });
        exec(db, "INSERT INTO agent_tenants (agent_id, tenant_id, role) VALUES (?, ?, 'agent')", id, tenant);
        return id;
    }

    private static void exec(Database db, String sql, Object... params) {
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                ps.execute();
            }
            return null;
        });
    }
}
