package io.switchboard.ui.team;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.demo.DemoData;
import io.switchboard.team.AssignmentRules;
import io.switchboard.team.TeamServices;
import io.switchboard.testing.InboxFixtures;
import io.switchboard.testing.TestDatabase;
import io.switchboard.ui.DesktopApp;
import java.io.File;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's team inbox screenshot on a throwaway database: agents, assignments, labels, a note
 * with a mention, another agent typing, and "/" completion open in the composer.
 * Run headless: java -Duser.name="Pat Owner" -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * -Dheadless.geometry=1400x900-32 -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.team.TeamScreenshotTool docs/screenshots
 */
public final class TeamScreenshotTool {
    private TeamScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        Database db = TestDatabase.open();
        InboxFixtures fx = new InboxFixtures(db);
        UUID tenant = fx.tenant("Acme Support");
        new DemoData(db).fill(tenant, 40, 400, 7L);
        TeamServices team = new TeamServices(db, System.getProperty("user.name"));
        team.agents().me(tenant);
        team.agents().heartbeat();
        UUID ana = agent(db, tenant, "ana", "Ana Souza", "supervisor", true);
        UUID bo = agent(db, tenant, "bo", "Bo Berg", "agent", true);
        agent(db, tenant, "cy", "Cy Tan", "agent", false);
        team.autoAssignment().setRules(tenant, new AssignmentRules(AssignmentRules.Mode.OFF, 10));
        UUID carla = fx.customerWrites(tenant, "+4915100000003", "Carla García", "Can I change the delivery address?");
        UUID ben = fx.customerWrites(tenant, "+4915100000002", "Ben Okafor", "Is the blue one back in stock?");
        UUID anna = fx.customerWrites(tenant, "+4915100000001", "Anna Berg", "Where is my parcel? It was due yesterday.");
        sql(db, "UPDATE messages SET sent_by_agent_id = '" + bo + "' WHERE id = '"
                + new OutboxService(db).queue(tenant, anna, OutboundContent.text("Let me check with the courier, one moment.")).messageId() + "'");
        sql(db, "UPDATE messages SET sent_by_agent_id = '" + bo + "' WHERE id = '"
                + new OutboxService(db).queue(tenant, carla, OutboundContent.text("Sure, what is the new address?")).messageId() + "'");
        team.assignment().assignToMe(tenant, anna);
        team.assignment().assign(tenant, carla, bo);
        sql(db, "UPDATE conversations SET assigned_agent_id = CASE WHEN random() < 0.5 THEN '" + ana + "'::uuid ELSE '" + bo + "'::uuid END"
                + " WHERE tenant_id = '" + tenant + "' AND id IN (SELECT id FROM conversations WHERE tenant_id = '" + tenant + "' AND assigned_agent_id IS NULL"
                + " AND id NOT IN ('" + ben + "') ORDER BY id LIMIT 22)");
        var vip = team.labels().create(tenant, "VIP", "#f59e0b");
        var urgent = team.labels().create(tenant, "Urgent", "#ef4444");
        team.labels().create(tenant, "Billing", "#3b82f6");
        team.labels().setLabel(tenant, anna, vip.id(), true);
        team.labels().setLabel(tenant, anna, urgent.id(), true);
        team.cannedReplies().save(tenant, null, "delay", "Hi {{contact.name|there}}, sorry for the wait: your parcel is delayed at the courier. We will refund the shipping.");
        team.cannedReplies().save(tenant, null, "greet", "Hi {{contact.name|there}}, this is {{agent.name}} from {{tenant.name}}. How can I help?");
        team.cannedReplies().save(tenant, null, "refund", "Your refund is on its way and shows within 3 to 5 days.");
        sql(db, "INSERT INTO conversation_notes (tenant_id, conversation_id, author_agent_id, body) VALUES ('" + tenant + "', '" + anna + "', '" + ana
                + "', 'Courier confirmed the delay. @" + db.target().user() + " please offer the shipping refund.')");
        sql(db, "INSERT INTO conversation_notes (tenant_id, conversation_id, author_agent_id, body) VALUES ('" + tenant + "', '" + ben + "', '" + bo
                + "', '@" + db.target().user() + " can you confirm the restock date?')");
        sql(db, "INSERT INTO note_mentions (tenant_id, note_id, agent_id) SELECT tenant_id, id, (SELECT id FROM agents WHERE login = session_user)"
                + " FROM conversation_notes");
        // Ana types in Ben's conversation (a row dated ahead so it stays fresh while the shot is taken).
        sql(db, "INSERT INTO conversation_typing (tenant_id, conversation_id, agent_id, typed_at) VALUES ('" + tenant + "', '" + ben + "', '" + ana
                + "', NOW() + interval '10 minutes')");

        Preferences prefs = Preferences.userRoot().node("switchboard-team-screenshots");
        prefs.clear();
        prefs.put("theme", "LIGHT");
        prefs.put("tenant", tenant.toString());
        Platform.startup(() -> { });
        DesktopApp app = new DesktopApp(() -> new Services(new DatabaseStartup.Running(db, Optional.empty())), prefs);
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                Stage stage = new Stage();
                app.start(stage);
                stage.setWidth(1400);
                stage.setHeight(900);
                shown.complete(stage);
            } catch (Exception e) {
                shown.completeExceptionally(e);
            }
        });
        Stage stage = shown.get(60, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 60_000;
        while (onFx(() -> app.model() == null || app.model().conversationList().rows().isEmpty()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        onFx(() -> {
            app.model().conversationList().reveal(app.model().conversationList().rows().stream().filter(r -> r.id().equals(anna)).findFirst().orElseThrow());
            return null;
        });
        Thread.sleep(6000);
        onFx(() -> {
            TextArea input = (TextArea) stage.getScene().lookup("#input");
            input.requestFocus();
            input.setText("/");
            input.positionCaret(1);
            return null;
        });
        Thread.sleep(1500);
        write(stage.getScene(), new File(out, "team-inbox-light.png"));
        Platform.exit();
        System.exit(0);
    }

    private static UUID agent(Database db, UUID tenant, String login, String name, String role, boolean online) {
        return db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH a AS (INSERT INTO agents (login, display_name, last_seen_at) VALUES (?, ?, CASE WHEN ? THEN NOW() ELSE NOW() - interval '1 hour' END)
                               RETURNING id)
                    INSERT INTO agent_tenants (agent_id, tenant_id, role) SELECT id, ?, ? FROM a RETURNING agent_id""")) {
                ps.setString(1, login);
                ps.setString(2, name);
                ps.setBoolean(3, online);
                ps.setObject(4, tenant);
                ps.setString(5, role);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    private static void sql(Database db, String sql) {
        db.inJdbcTransaction(c -> c.createStatement().executeUpdate(sql));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    private static void write(Scene scene, File file) throws Exception {
        WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, w, h, argb, 0, w);
        ImageIO.write(img, "png", file);
        System.out.println("wrote " + file);
    }
}
