package io.switchboard.ui.signin;

import io.switchboard.agent.AgentAdmin;
import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.agent.TeamDatabase;
import io.switchboard.agent.TeamSignIn;
import io.switchboard.audit.AuditLog;
import io.switchboard.config.Settings;
import io.switchboard.ui.audit.AuditLogView;
import io.switchboard.ui.common.FxExecutor;
import io.switchboard.ui.common.Themes;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.PasswordField;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The README's team-mode screenshots: the sign-in dialog after a refusal, and an admin's audit log.
 * Run under a display (Xvfb): java -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.signin.TeamScreenshotTool OUT_DIR
 */
public final class TeamScreenshotTool {
    private TeamScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        Path home = Files.createTempDirectory("team-shots");
        try (TeamDatabase team = new TeamDatabase(); FxExecutor executor = new FxExecutor()) {
            NewPassword admin = team.agent("ada", team.tenantA, AgentRole.ADMIN);
            NewPassword gone = team.agent("bruno", team.tenantA, AgentRole.AGENT);
            new AgentAdmin(team.owner).disable(gone.login());
            team.owner.inJdbcTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE contacts SET name = 'Acme customer (VIP)' WHERE tenant_id = '" + team.tenantA + "'");
                    s.execute("UPDATE conversations SET assigned_agent_id = (SELECT id FROM agents WHERE login = '" + admin.login() + "') WHERE tenant_id = '" + team.tenantA + "'");
                    s.execute("UPDATE conversations SET status = 'closed' WHERE tenant_id = '" + team.tenantA + "'");
                    s.execute("UPDATE whatsapp_accounts SET access_token_enc = 'rotated', send_rate_per_second = 40 WHERE tenant_id = '" + team.tenantA + "'");
                }
                return null;
            });
            Settings settings = Settings.load(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(team.ownerTarget.port()), "DB_NAME", team.name,
                    "SWITCHBOARD_HOME", home.toString()), home, "Linux", home.toString());
            TeamSignIn signIn = new TeamSignIn(settings, Clock.systemUTC());
            signIn.signIn(admin.login(), admin.password());
            Platform.startup(() -> { });
            CompletableFuture<Stage> dialog = new CompletableFuture<>();
            Platform.runLater(() -> {
                Themes.apply(false);
                Stage stage = new Stage();
                SignInViewModel model = new SignInViewModel(signIn.server(), gone.login(), signIn::signIn, executor, c -> { });
                SignInView.show(stage, model);
                model.passwordProperty().set(gone.password());
                model.signIn();
                dialog.complete(stage);
            });
            Stage signInStage = dialog.get(10, TimeUnit.SECONDS);
            Thread.sleep(3000); // the refusal comes back from the server
            shoot(signInStage.getScene(), new File(out, "team-sign-in.png"));

            CompletableFuture<Stage> audit = new CompletableFuture<>();
            Platform.runLater(() -> audit.complete(AuditLogView.open(null, new AuditLog(team.owner), team.tenantA, "Acme")));
            Stage auditStage = audit.get(10, TimeUnit.SECONDS);
            Thread.sleep(3000);
            shoot(auditStage.getScene(), new File(out, "team-audit-log.png"));
            Platform.runLater(() -> {
                signInStage.close();
                auditStage.close();
            });
        }
        Platform.exit();
    }

    private static void shoot(Scene scene, File file) throws Exception {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> shot.complete(scene.snapshot(null)));
        WritableImage image = shot.get(10, TimeUnit.SECONDS);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        ImageIO.write(png, "png", file);
        System.out.println("wrote " + file);
    }
}
