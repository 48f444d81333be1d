package io.switchboard.ui.stats;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.demo.DemoData;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Takes the README's Stats screenshots (light and dark) on a demo tenant in a throwaway database.
 * Run headless: java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1280x800-32
 * -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.stats.StatsScreenshotTool docs/screenshots
 */
public final class StatsScreenshotTool {
    private StatsScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        Database db = TestDatabase.open();
        UUID tenant = new TenantService(db).create("Acme Support").id();
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO whatsapp_accounts (tenant_id, phone_number_id, display_phone, access_token_enc, app_secret_enc, verify_token_enc,
                                                   quality_rating, previous_quality_rating, messaging_limit_tier, number_status, health_updated_at)
                    VALUES (?, '106540352242922', '+1 555-078-3881', 'x', 'x', 'x', 'YELLOW', 'GREEN', 'TIER_1K', 'CONNECTED', NOW())""")) {
                ps.setObject(1, tenant);
                return ps.executeUpdate();
            }
        });
        new DemoData(db).fill(tenant, 400, 6_000, 42L);
        Services services = new Services(new DatabaseStartup.Running(db, Optional.empty()));
        Platform.startup(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        CompletableFuture<StatsWindow> opened = new CompletableFuture<>();
        Platform.runLater(() -> opened.complete(StatsWindow.open(null, services, tenant)));
        StatsWindow window = opened.get(120, TimeUnit.SECONDS);
        Platform.runLater(() -> window.viewModel().selectPreset(RangePreset.DAYS_90));
        long deadline = System.currentTimeMillis() + 120_000;
        while ((window.viewModel().report.get() == null || window.viewModel().days.size() != 90
                || !tenant.equals(window.viewModel().report.get().tenantId())) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(3000);
        System.out.println("error: " + window.viewModel().error.get() + ", tenant " + window.viewModel().tenant.get());
        write(window, new File(out, "stats-light.png"));
        // The dark one through the kept window's path (stats-11): closed (hidden), the theme switched, opened again
        Platform.runLater(() -> {
            window.hide();
            Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet());
            window.show(tenant);
        });
        Thread.sleep(500);
        deadline = System.currentTimeMillis() + 120_000;
        while (window.viewModel().loading.get() && System.currentTimeMillis() < deadline) { // the figures show once read again
            Thread.sleep(200);
        }
        Thread.sleep(3000);
        write(window, new File(out, "stats-dark.png"));
        Platform.exit();
        System.exit(0);
    }

    private static void write(StatsWindow window, File file) throws Exception {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> shot.complete(window.stage().getScene().snapshot(null)));
        WritableImage image = shot.get(60, TimeUnit.SECONDS);
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
