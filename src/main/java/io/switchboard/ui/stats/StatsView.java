package io.switchboard.ui.stats;

import io.switchboard.stats.DeliveryFunnel;
import io.switchboard.stats.ResponseTimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Binds stats.fxml to a {@link StatsViewModel}: delivery tiles with their definitions on hover,
 * failures with a drill-down to messages and contacts, volume per day and by hour, responsiveness,
 * breakdowns and number health. Every table and chart exports CSV (the same tables the `stats`
 * command prints); every chart exports PNG. Holds no rules: it shows what the view model says.
 */
public final class StatsView {
    private final StatsViewModel vm;

    @FXML private ComboBox<TenantChoice> tenantBox;
    @FXML private HBox presetBox;
    @FXML private DatePicker fromPicker;
    @FXML private DatePicker toPicker;
    @FXML private Label rangeLabel;
    @FXML private Label updatedLabel;
    @FXML private Button refreshButton;
    @FXML private Button reconcileButton;
    private Runnable onReconcile = () -> { };
    private AgentBreakdownView byAgent; // set by StatsWindow before load(); without it the tab shows message counts only
    @FXML private ScrollPane scroll;
    @FXML private VBox content;
    @FXML private Label healthWarning;
    @FXML private FlowPane tiles;
    @FXML private Label statusLabel;

    private final ToggleGroup presets = new ToggleGroup();
    private final StatsExports exports;
    private Parent root;
    private boolean syncing;
    private boolean belowTheFoldBuilt;
    private StatsSections sections;

    public StatsView(StatsViewModel vm, SaveTarget saveTarget, Executor io, Supplier<Window> window) {
        this.vm = vm;
        this.exports = new StatsExports(saveTarget, io, window, message -> vm.error.set(message));
    }

    /** Loads the FXML with this object as its controller. */
    public Parent load() {
        FXMLLoader loader = new FXMLLoader(StatsView.class.getResource("/fxml/stats/stats.fxml"));
        loader.setController(this);
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root.getStylesheets().add(StatsView.class.getResource("/styles/stats.css").toExternalForm());
        return root;
    }

    @FXML
    private void initialize() {
        tenantBox.setItems(vm.tenants);
        tenantBox.valueProperty().addListener((obs, old, choice) -> {
            if (!syncing && choice != null && !choice.equals(vm.tenant.get())) {
                vm.selectTenant(choice);
            }
        });
        vm.tenant.addListener((obs, old, choice) -> {
            syncing = true;
            tenantBox.setValue(choice);
            syncing = false;
        });
        for (RangePreset p : RangePreset.values()) {
            ToggleButton b = new ToggleButton(p.toString());
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setId("preset-" + p.name());
            b.setUserData(p);
            b.setToggleGroup(presets);
            b.setSelected(p == vm.preset.get());
            presetBox.getChildren().add(b);
        }
        presets.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t == null) {
                presets.selectToggle(old); // one preset is always chosen
            } else if (!syncing) {
                vm.selectPreset((RangePreset) t.getUserData());
            }
        });
        vm.preset.addListener((obs, old, p) -> {
            syncing = true;
            presets.getToggles().stream().filter(t -> t.getUserData() == p).findFirst().ifPresent(presets::selectToggle);
            syncing = false;
        });
        fromPicker.disableProperty().bind(vm.preset.isNotEqualTo(RangePreset.CUSTOM));
        toPicker.disableProperty().bind(vm.preset.isNotEqualTo(RangePreset.CUSTOM));
        fromPicker.valueProperty().addListener((obs, old, v) -> customChanged());
        toPicker.valueProperty().addListener((obs, old, v) -> customChanged());
        rangeLabel.textProperty().bind(vm.rangeText);
        // Meta's analytics belong to one tenant's numbers
        reconcileButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.tenant.get() == null || vm.tenant.get().id() == null || vm.report.get() == null, vm.tenant, vm.report));
        updatedLabel.textProperty().bind(vm.updatedText);
        statusLabel.textProperty().bind(vm.error);
        healthWarning.textProperty().bind(vm.healthWarning);
        healthWarning.visibleProperty().bind(vm.healthWarning.isNotEmpty());
        healthWarning.managedProperty().bind(healthWarning.visibleProperty());

        tiles.getChildren().addAll(
                StatsWidgets.tile("Sent", vm.sent, DeliveryFunnel.SENT_DEFINITION, null),
                StatsWidgets.tile("Delivered", vm.delivered, DeliveryFunnel.DELIVERED_DEFINITION, null),
                StatsWidgets.tile("Read", vm.read, DeliveryFunnel.READ_DEFINITION, null),
                StatsWidgets.tile("Failed", vm.failed, DeliveryFunnel.FAILED_DEFINITION, "bad"),
                StatsWidgets.tile("Delivery rate", vm.deliveryRate, DeliveryFunnel.DELIVERY_RATE_DEFINITION, "rate"),
                StatsWidgets.tile("Read rate", vm.readRate, DeliveryFunnel.READ_RATE_DEFINITION, "rate"),
                StatsWidgets.tile("Failure rate", vm.failureRate, DeliveryFunnel.FAILURE_RATE_DEFINITION, "bad"),
                StatsWidgets.tile("Inbound", vm.inbound, "Messages customers sent, counted on the day they sent them.", null),
                StatsWidgets.tile("New conversations", vm.newConversations, "Conversations opened for the first time (a reopen is not new).", null),
                StatsWidgets.tile("First response", vm.firstResponse, ResponseTimes.FIRST_RESPONSE_DEFINITION, null),
                StatsWidgets.tile("Resolution", vm.resolution, ResponseTimes.RESOLUTION_DEFINITION, null));

        sections = new StatsSections(vm, exports, byAgent);
        content.getChildren().addAll(sections.aboveTheFold());
        // What lies below the fold is built once the first figures are painted, or at the first scroll if that comes
        // sooner: opening the window builds, lays out and paints only what the supervisor sees first (BENCHMARKS.md).
        // A window prepared ahead of the click builds it at once (buildBelowTheFold), off the click's path.
        scroll.vvalueProperty().addListener((obs, old, v) -> buildBelowTheFold());
        vm.report.addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable obs) {
                vm.report.removeListener(this);
                javafx.scene.Scene scene = root.getScene();
                if (scene == null) {
                    javafx.application.Platform.runLater(StatsView.this::buildBelowTheFold);
                    return;
                }
                Runnable[] painted = new Runnable[1];
                painted[0] = () -> {
                    scene.removePostLayoutPulseListener(painted[0]);
                    javafx.application.Platform.runLater(StatsView.this::buildBelowTheFold); // after this pulse has rendered the frame
                };
                scene.addPostLayoutPulseListener(painted[0]);
            }
        });
    }

    /**
     * Hides the figures (the scrolling sections, still laid out) until the view model has finished loading: a kept window
     * shown again must not show the figures it was closed with. An error shows them again, with the error below.
     */
    void hideFiguresUntilFresh() {
        if (!scroll.isVisible()) {
            return;
        }
        scroll.setVisible(false);
        vm.loading.addListener(new javafx.beans.value.ChangeListener<Boolean>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> obs, Boolean was, Boolean loading) {
                if (!loading) {
                    vm.loading.removeListener(this);
                    scroll.setVisible(true);
                }
            }
        });
    }

    /** Adds the delivery, responsiveness, breakdown and number health sections (once). */
    void buildBelowTheFold() {
        if (!belowTheFoldBuilt) {
            belowTheFoldBuilt = true;
            content.getChildren().addAll(sections.belowTheFold());
        }
    }

    private void customChanged() {
        if (!syncing && fromPicker.getValue() != null && toPicker.getValue() != null && !toPicker.getValue().isBefore(fromPicker.getValue())) {
            vm.selectCustom(fromPicker.getValue(), toPicker.getValue());
        }
    }

    /** The "By agent" tab's content (response times per agent); call before {@link #load()}. */
    public void byAgent(AgentBreakdownView view) {
        this.byAgent = view;
    }

    /** What "Reconcile with Meta" does (the window opens the reconciliation for the shown tenant and range). */
    public void onReconcile(Runnable action) {
        this.onReconcile = action;
    }

    @FXML
    private void reconcileWithMeta() {
        onReconcile.run();
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }
}
