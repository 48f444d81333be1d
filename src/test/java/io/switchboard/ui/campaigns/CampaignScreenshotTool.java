package io.switchboard.ui.campaigns;

import io.switchboard.app.Services;
import io.switchboard.campaign.CampaignKit;
import io.switchboard.campaign.CampaignWorker;
import io.switchboard.db.DatabaseStartup;
import java.io.File;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Takes the README's campaign screenshots (list, funnel with a drill-down, wizard) on a throwaway database.
 * Run headless: java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1280x800-32
 * -cp target/classes:target/test-classes:CLASSPATH io.switchboard.ui.campaigns.CampaignScreenshotTool docs/screenshots
 */
public final class CampaignScreenshotTool {
    private CampaignScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out.toPath());
        CampaignKit kit = new CampaignKit();
        kit.contacts(1, 500, "Lisbon");
        kit.exec("UPDATE whatsapp_accounts SET messaging_limit_tier = 'TIER_1K'");
        kit.exec("UPDATE contacts SET opted_out_at = NOW() WHERE phone LIKE '%13'");
        UUID id = kit.createAll("Autumn order updates").id();
        kit.campaigns.start(kit.tenant, id);
        CampaignWorker worker = new CampaignWorker(kit.db);
        for (int i = 0; i < 5; i++) {
            worker.tick();
        }
        kit.exec("UPDATE messages SET status = 'sent', sent_at = NOW() - INTERVAL '2 hours', external_message_id = 'wamid.' || id WHERE campaign_id = ?", id);
        kit.exec("UPDATE messages SET status = 'delivered', delivered_at = NOW() - INTERVAL '2 hours' WHERE campaign_id = ? AND random() < 0.88", id);
        kit.exec("UPDATE messages SET status = 'read', read_at = NOW() - INTERVAL '1 hour' WHERE campaign_id = ? AND status = 'delivered' AND random() < 0.6", id);
        kit.exec("UPDATE messages SET status = 'failed', failed_at = NOW(), error_code = CASE WHEN random() < 0.6 THEN '131026' ELSE '131049' END, "
                + "error_title = 'Message undeliverable' WHERE campaign_id = ? AND status = 'sent' AND random() < 0.7", id);
        kit.exec("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at)
                SELECT tenant_id, conversation_id, contact_id, 'inbound', 'text', 'Thanks!', 'delivered', delivered_at + INTERVAL '20 minutes'
                FROM messages WHERE campaign_id = ? AND status = 'read' AND random() < 0.25""", id);
        worker.tick();
        kit.contacts(1001, 80, "Porto");
        UUID paused = kit.campaigns.create(kit.draft("Porto reopening", new io.switchboard.campaign.Audience.Filter(java.util.Map.of("city", "Porto"),
                null, null, null, null))).id();
        kit.campaigns.start(kit.tenant, paused);
        kit.exec("UPDATE campaigns SET status = 'paused', pause_reason = 'Meta answered 131048 (Spam rate limit hit): too many messages were blocked or reported as spam.' WHERE id = ?", paused);
        kit.campaigns.create(new io.switchboard.campaign.CampaignDraft(kit.tenant, "Black Friday preview", null, CampaignKit.TEMPLATE, "en_US",
                kit.draft("x", null).variables(), new io.switchboard.campaign.Audience.All(), java.time.Instant.now().plusSeconds(86400 * 3), 300));
        new io.switchboard.campaign.CampaignCounters(kit.db).refreshActive(java.time.Duration.ofDays(1));

        Services services = new Services(new DatabaseStartup.Running(kit.db, Optional.empty()));
        Platform.startup(() -> Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        Stage list = onFx(() -> CampaignsView.open(null, services, kit.tenant, "Acme Support", java.util.List::of));
        Thread.sleep(4000);
        write(list, new File(out, "campaigns-list.png"));
        Stage funnel = onFx(() -> CampaignFunnelView.open(null, services, kit.tenant, id, "Autumn order updates"));
        Thread.sleep(4000);
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<CampaignFunnelViewModel.Line> lines = (TableView<CampaignFunnelViewModel.Line>) funnel.getScene().lookup("#linesTable");
            lines.getSelectionModel().select(lines.getItems().stream().filter(l -> l.label().equals("failed")).findFirst().orElseThrow());
            return null;
        });
        Thread.sleep(3000);
        write(funnel, new File(out, "campaign-funnel.png"));
        Stage wizard = onFx(() -> CampaignWizardView.open(null, services, kit.tenant, "Acme Support", java.util.List.of(), created -> { }));
        Thread.sleep(3000);
        onFx(() -> {
            ((javafx.scene.control.TextField) wizard.getScene().lookup("#nameField")).setText("Lisbon delivery notice");
            javafx.scene.layout.VBox vars = (javafx.scene.layout.VBox) wizard.getScene().lookup("#variablesBox");
            ((javafx.scene.control.TextField) ((javafx.scene.layout.HBox) vars.getChildren().get(1)).getChildren().get(1)).setText("metadata.order");
            ((javafx.scene.control.Button) wizard.getScene().lookup("#previewButton")).fire();
            return null;
        });
        Thread.sleep(3000);
        write(wizard, new File(out, "campaign-wizard.png"));
        Platform.exit();
        System.exit(0);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void write(Stage stage, File file) throws Exception {
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
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
