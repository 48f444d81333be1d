package io.switchboard.ui;

import io.switchboard.app.Services;
import io.switchboard.common.ValidationException;
import io.switchboard.stats.DeliveryStats;
import io.switchboard.tenant.TenantView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The first window: tenants from the database, creating one, and the connection in the status bar. */
public class MainController {
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    @FXML private ListView<TenantView> tenantList;
    @FXML private TextField newTenantName;
    @FXML private Button createTenantButton;
    @FXML private Label createError;
    @FXML private Label tenantCount;
    @FXML private Label detailTitle;
    @FXML private Label detailSubtitle;
    @FXML private GridPane statsGrid;
    @FXML private FontIcon connectionIcon;
    @FXML private Label connectionLabel;
    @FXML private Label statusMessage;
    @FXML private VBox startupOverlay;
    @FXML private ProgressIndicator startupProgress;
    @FXML private Label startupText;

    private final ObservableList<TenantView> tenants = FXCollections.observableArrayList();
    private final Background background = new Background();
    private Services services;

    @FXML
    private void initialize() {
        tenantList.setItems(tenants);
        tenantList.setCellFactory(list -> new TenantCell());
        tenantList.setPlaceholder(new Label("No tenants yet"));
        tenantList.getSelectionModel().selectedItemProperty().addListener((obs, old, selected) -> showTenant(selected));
        setEditable(false);
    }

    /** Starts the backend off the FX thread; the overlay shows progress until it is up. */
    void connect(Supplier<Services> backend) {
        background.run(backend::get, this::connected, this::startupFailed);
    }

    private void connected(Services ready) {
        services = ready;
        startupOverlay.setVisible(false);
        connectionLabel.setText(ready.connectionDescription());
        connectionIcon.getStyleClass().add("connected");
        setEditable(true);
        reloadTenants(Optional.empty());
    }

    private void startupFailed(Throwable failure) {
        startupProgress.setVisible(false);
        startupText.setText(failure.getMessage());
        startupText.getStyleClass().add("error");
        connectionLabel.setText("Not connected");
        connectionIcon.getStyleClass().add("broken");
    }

    @FXML
    private void createTenant() {
        if (services == null) {
            return;
        }
        String name = newTenantName.getText();
        setEditable(false);
        background.run(() -> services.tenants().create(name), created -> {
            newTenantName.clear();
            showError(null);
            setEditable(true);
            statusMessage.setText("Created tenant " + created.name());
            reloadTenants(Optional.of(created));
        }, failure -> {
            setEditable(true);
            showError(failure instanceof ValidationException v ? "Tenant " + v.getMessage() : "Could not create the tenant: " + failure.getMessage());
        });
    }

    private void reloadTenants(Optional<TenantView> select) {
        background.run(() -> services.tenants().list(), loaded -> {
            tenants.setAll(loaded);
            tenantCount.setText(loaded.size() == 1 ? "1 tenant" : loaded.size() + " tenants");
            select.flatMap(s -> loaded.stream().filter(t -> t.id().equals(s.id())).findFirst())
                    .or(() -> loaded.stream().findFirst())
                    .ifPresent(t -> tenantList.getSelectionModel().select(t));
        }, failure -> statusMessage.setText("Could not load tenants: " + failure.getMessage()));
    }

    private void showTenant(TenantView tenant) {
        statsGrid.getChildren().clear();
        if (tenant == null) {
            detailTitle.setText("No tenant selected");
            detailSubtitle.setText("Create a tenant on the left to get started.");
            return;
        }
        detailTitle.setText(tenant.name());
        detailSubtitle.setText(tenant.status().code().substring(0, 1).toUpperCase() + tenant.status().code().substring(1)
                + " · created " + CREATED.format(tenant.createdAt()) + " · id " + tenant.id());
        background.run(() -> services.stats().deliveryByTenant(), rows -> showStats(tenant, rows),
                failure -> statusMessage.setText("Could not load statistics: " + failure.getMessage()));
    }

    private void showStats(TenantView tenant, List<DeliveryStats> rows) {
        if (!tenant.equals(tenantList.getSelectionModel().getSelectedItem())) {
            return;
        }
        DeliveryStats s = rows.stream().filter(r -> r.tenantId().equals(tenant.id())).findFirst()
                .orElse(new DeliveryStats(tenant.id(), tenant.name(), 0, 0, 0, 0, 0, null));
        statsGrid.getChildren().clear();
        statsGrid.add(StatCard.of("Messages", Long.toString(s.totalMessages())), 0, 0);
        statsGrid.add(StatCard.of("Delivered or read", Long.toString(s.delivered() + s.read())), 1, 0);
        statsGrid.add(StatCard.of("Failed", Long.toString(s.failed())), 2, 0);
        statsGrid.add(StatCard.of("Delivery rate", s.deliveryRate() == null ? "—" : s.deliveryRate().toPlainString() + " %"), 3, 0);
    }

    private void setEditable(boolean editable) {
        newTenantName.setDisable(!editable);
        createTenantButton.setDisable(!editable);
    }

    private void showError(String message) {
        createError.setText(message == null ? "" : message);
        createError.setVisible(message != null);
        createError.setManaged(message != null);
    }

    void shutdown() {
        background.close();
        if (services != null) {
            services.close();
        }
    }
}
