package io.switchboard.ui.tenants;

import io.switchboard.agent.AgentRole;
import io.switchboard.agent.NewPassword;
import io.switchboard.agent.PasswordKeyring;
import io.switchboard.agent.PrivateSecretService;
import io.switchboard.agent.SecretToolKeyring;
import io.switchboard.agent.TeamDatabase;
import io.switchboard.agent.TeamSignIn;
import io.switchboard.channel.whatsapp.ConnectedNumbers;
import io.switchboard.config.Settings;
import io.switchboard.db.ConnectionTarget;
import io.switchboard.db.Database;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.FxExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.common.Themes;
import io.switchboard.ui.signin.SignInView;
import io.switchboard.ui.signin.SignInViewModel;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * README screenshots of team mode's keyring checkbox (with a real GNOME Keyring on a private bus, and without any
 * keyring) and of the Tenants → WhatsApp dialog as an agent sees it.
 * Run under a display (Xvfb): java -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.tenants.TeamDialogsScreenshotTool OUT_DIR
 */
public final class TeamDialogsScreenshotTool {
    private TeamDialogsScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        Path home = Files.createTempDirectory("team-shots");
        try (TeamDatabase team = new TeamDatabase(); FxExecutor executor = new FxExecutor();
             PrivateSecretService service = PrivateSecretService.start(home.resolve("keyring")).orElseThrow()) {
            NewPassword alice = team.agent("alice", team.tenantA, AgentRole.AGENT);
            Settings settings = Settings.load(Map.of("DB_HOST", "127.0.0.1", "DB_PORT", String.valueOf(team.ownerTarget.port()), "DB_NAME", team.name,
                    "SWITCHBOARD_HOME", home.toString()), home, "Linux", home.toString());
            TeamSignIn signIn = new TeamSignIn(settings, Clock.systemUTC());
            PasswordKeyring ring = new SecretToolKeyring(service.environment());
            ring.store(signIn.keyringServer(), alice.login(), alice.password());
            PasswordKeyring none = new SecretToolKeyring(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", home.toString()));
            Platform.startup(() -> { });
            Platform.runLater(() -> Themes.apply(false));

            Stage kept = onFx(() -> signInDialog(signIn, alice.login(), ring, executor));
            Thread.sleep(3000);
            shoot(kept.getScene(), new File(out, "team-sign-in-keyring.png"));
            Stage headless = onFx(() -> signInDialog(signIn, alice.login(), none, executor));
            Thread.sleep(3000);
            shoot(headless.getScene(), new File(out, "team-sign-in-no-keyring.png"));

            try (Database asAlice = Database.connect(new ConnectionTarget("127.0.0.1", team.ownerTarget.port(), team.name, alice.login(),
                    alice.password(), false), 2, "shots")) {
                TenantView acme = new TenantView(team.tenantA, "Acme", TenantStatus.ACTIVE, Instant.now(), null);
                WhatsAppConnectionViewModel vm = WhatsAppConnectionViewModel.listOnly(new ConnectedNumbers(asAlice),
                        new InboxSession(executor, Instant::now), acme);
                onFx(() -> {
                    WhatsAppConnectionView.open(null, vm);
                    return null;
                });
                Thread.sleep(3000);
                Window dialog = onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle().startsWith("WhatsApp"))
                        .findFirst().orElseThrow());
                shoot(dialog.getScene(), new File(out, "team-whatsapp-agent.png"));
            }
            Platform.runLater(() -> Window.getWindows().stream().filter(w -> w instanceof Stage).map(w -> (Stage) w).toList().forEach(Stage::close));
        }
        Platform.exit();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static Stage signInDialog(TeamSignIn signIn, String login, PasswordKeyring ring, FxExecutor executor) {
        Stage stage = new Stage();
        SignInViewModel model = new SignInViewModel(signIn.server(), login, signIn::signIn, executor, c -> { });
        model.useKeyring(ring, signIn.keyringServer());
        SignInView.show(stage, model);
        return stage;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(20, TimeUnit.SECONDS);
    }

    private static void shoot(Scene scene, File file) throws Exception {
        WritableImage image = onFx(() -> scene.snapshot(null));
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
