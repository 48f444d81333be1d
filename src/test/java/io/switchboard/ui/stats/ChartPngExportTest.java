package io.switchboard.ui.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.Services;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.tenant.TenantService;
import io.switchboard.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** "Export PNG…" of a chart writes a real PNG of the chart's size with the chart drawn in it (headless Monocle). */
class ChartPngExportTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private final FxRobot robot = new FxRobot();
    private Database db;
    private UUID acme;
    private StatsWindow window;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.open();
        acme = new TenantService(db).create("Acme").id();
        // Outbound messages over the last week, more each day, so the chart has a line to draw.
        db.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH ct AS (INSERT INTO contacts (tenant_id, phone) VALUES (?, '+15550001111') RETURNING id),
                         cv AS (INSERT INTO conversations (tenant_id, contact_id) SELECT ?, id FROM ct RETURNING id, contact_id)
                    INSERT INTO messages (tenant_id, conversation_id, contact_id, direction, type, content, status, created_at, sent_at)
                    SELECT ?, cv.id, cv.contact_id, 'outbound', 'text', 'x', 'sent', t, t
                    FROM cv, generate_series(0, 6) d, generate_series(0, d * 3) k,
                         LATERAL (SELECT (NOW() AT TIME ZONE 'UTC') - d * INTERVAL '1 day' AS t) x""")) {
                ps.setObject(1, acme);
                ps.setObject(2, acme);
                ps.setObject(3, acme);
                return ps.executeUpdate();
            }
        });
        FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet())).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (window != null) {
            WaitForAsyncUtils.asyncFx(() -> window.stage().close()).get(10, TimeUnit.SECONDS);
        }
        FxToolkit.cleanupStages();
        db.close();
    }

    @Test
    void theDeliveryChartIsWrittenAsAPngOfItsSizeWithTheChartInIt() throws Exception {
        Path png = dir.resolve("delivery.png");
        Services services = new Services(new DatabaseStartup.Running(db, Optional.empty()));
        window = WaitForAsyncUtils.asyncFx(() -> StatsWindow.open(null, services, acme, (owner, title, name, ext) -> Optional.of(png)))
                .get(120, TimeUnit.SECONDS);
        await(() -> window.viewModel().report.get() != null && !window.viewModel().loading.get()
                && window.viewModel().days.stream().mapToLong(d -> d.sent()).sum() > 0);
        // Below the fold: built once the first figures are painted.
        await(() -> fx(() -> robot.lookup("#deliveryChart").tryQuery().isPresent()));
        Node chart = fx(() -> robot.lookup("#deliveryChart").query());
        double width = fx(() -> chart.getLayoutBounds().getWidth());
        double height = fx(() -> chart.getLayoutBounds().getHeight());

        // The section lies below the fold of the scroll pane: its menu item is fired as a click on it would.
        fx(() -> {
            javafx.scene.control.MenuButton menu = robot.lookup("#export-delivery").queryAs(javafx.scene.control.MenuButton.class);
            menu.getItems().stream().filter(i -> "png-delivery-by-day".equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });
        await(() -> Files.exists(png) && Files.size(png) > 1000);
        Thread.sleep(200); // the file appears before its last bytes are flushed

        try (InputStream in = Files.newInputStream(png)) {
            byte[] head = new byte[8];
            new DataInputStream(in).readFully(head);
            assertThat(head).as("PNG signature").isEqualTo(PNG_SIGNATURE);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodes as an image").isNotNull();
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(width));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil(height));
        Set<Integer> colours = new HashSet<>();
        int background = image.getRGB(image.getWidth() - 2, image.getHeight() / 2);
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    drawn++;
                }
            }
        }
        assertThat(colours.size()).as("distinct colours: axes, labels, lines, legend").isGreaterThan(20);
        assertThat(drawn).as("pixels that are not the background").isGreaterThan(500);
        // The accent colour of the "Sent" series (Primer light #0969da) is somewhere on the line.
        assertThat(colours.stream().anyMatch(c -> near(c, 0x0969da))).as("the Sent line in the theme's accent colour").isTrue();
    }

    private static boolean near(int argb, int rgb) {
        int dr = Math.abs(((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff));
        int dg = Math.abs(((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff));
        int db = Math.abs((argb & 0xff) - (rgb & 0xff));
        return dr + dg + db < 30;
    }

    private static <T> T fx(Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            try {
                return Boolean.TRUE.equals(fx(condition));
            } catch (AssertionError | RuntimeException e) {
                return false;
            }
        });
    }
}
