package io.switchboard.ui;

import io.switchboard.app.Services;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.db.Notifications.Kind;
import io.switchboard.live.ChangeListener;
import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: it starts the backend, switches tenants and tells its parts what happened. The
 * parts do the work: {@link ConversationList} (left column), {@link ThreadController}, {@link
 * ContactPanelController}, {@link LiveUpdates}, {@link StatusBar}, {@link Shortcuts}, {@link
 * ThemeSwitch}, {@link WindowLayout} and {@link InboundAlerts}. Every database call runs on the
 * background executor.
 */
public class InboxController {
    private static final Set<Kind> LIST_KINDS = EnumSet.of(Kind.MESSAGES, Kind.STATUSES, Kind.CONVERSATIONS, Kind.CONTACTS);

    @FXML private StackPane root;
    @FXML private HBox searchBox;
    @FXML private Button contactsButton;
    @FXML private Button tenantsButton;
    @FXML private Button themeButton;
    @FXML private FontIcon themeIcon;
    @FXML private ToggleButton panelToggle;
    @FXML private HBox banner;
    @FXML private Label bannerText;
    @FXML private SplitPane split;
    @FXML private ComboBox<TenantView> tenantBox;
    @FXML private HBox chips;
    @FXML private ListView<ConversationSummary> conversationList;
    @FXML private Label listFooter;
    @FXML private Parent contactPanel;
    @FXML private ThreadController threadController;
    @FXML private ContactPanelController contactPanelController;
    @FXML private FontIcon connectionIcon;
    @FXML private Label connectionLabel;
    @FXML private FontIcon liveIcon;
    @FXML private Label liveLabel;
    @FXML private Label workerLabel;
    @FXML private Label channelLabel;
    @FXML private Label statusMessage;
    @FXML private StackPane helpOverlay;
    @FXML private GridPane shortcutGrid;
    @FXML private VBox startupOverlay;
    @FXML private ProgressIndicator startupProgress;
    @FXML private Label startupText;

    private ConversationList conversations;
    private Shortcuts shortcuts;
    private io.switchboard.ui.stats.StatsWindow stats;
    private StatusBar statusBar;
    private ThemeSwitch theme;
    private WindowLayout layout;
    private InboundAlerts alerts;
    private Background background;
    private InboxSession session;
    private ConversationFeed feed;
    private WindowMemory memory;
    private Stage stage;
    private ChangeListener listener;
    private long unreadTotal;
    private Timeline ticker;
    private ContactsController contactsWindow;

    @FXML
    private void initialize() {
        conversations = new ConversationList(searchBox, chips, conversationList, listFooter, this::open);
        tenantBox.setCellFactory(list -> new TenantNameCell());
        tenantBox.setButtonCell(new TenantNameCell());
        tenantBox.valueProperty().addListener((obs, old, t) -> {
            if (t != null && (old == null || !old.id().equals(t.id()))) {
                switchTenant(t);
            }
        });
        shortcuts = new Shortcuts(helpOverlay, shortcutGrid);
        statusBar = new StatusBar(connectionIcon, connectionLabel, liveIcon, liveLabel, workerLabel, channelLabel,
                statusMessage, banner, bannerText);
        theme = new ThemeSwitch(themeButton, themeIcon);
        layout = new WindowLayout(split, contactPanel, panelToggle);
        setEnabled(false);
    }

    /** Called once the window shows; the backend starts off the FX thread behind the startup overlay. */
    void start(Stage stage, Supplier<Services> backend, WindowMemory memory, Supplier<Instant> clock) {
        this.stage = stage;
        this.memory = memory;
        this.background = new Background();
        this.session = new InboxSession(background, clock);
        statusBar.attach(session);
        session.onWindow(() -> stage);
        this.alerts = new InboundAlerts(stage, session, this::openFromPanel);
        this.feed = new ConversationFeed(session);
        conversations.attach(feed, clock, threadController::current);
        feed.listen(alerts::rowsLoaded, conversations::rowsChanged);
        threadController.init(session, this::activity);
        contactPanelController.init(session, changed -> {
            threadController.updater().accept(changed);
            feed.refreshTop();
        }, this::openFromPanel);

        layout.restore(stage, memory);
        io.switchboard.ui.stats.StatsWindow.installShortcut(stage.getScene(), this::openStats);
        shortcuts.install(stage.getScene(), new Shortcuts.Actions() {
            @Override
            public void focusSearch() {
                conversations.focusSearch();
            }

            @Override
            public void move(int delta) {
                conversations.move(delta);
            }
        }, this::switchToTenantAt);
        stage.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                threadController.refresh();
            }
        });
        theme.start(memory, background);
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> {
            conversations.redraw();
            threadController.tick();
            statusBar.refreshBacklog();
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        background.run(backend::get, this::connected, this::startupFailed);
    }

    private void connected(Services ready) {
        session.connected(ready);
        startupOverlay.setVisible(false);
        statusBar.connected(ready.connectionDescription());
        setEnabled(true);
        listener = ready.listenForChanges(new LiveUpdates(session, new LiveUpdates.Reactions() {
            @Override
            public void tenantsChanged() {
                reloadTenants(Optional.empty());
            }

            @Override
            public void changed(Set<Kind> kinds) {
                applyChanges(kinds);
            }

            @Override
            public void connection(boolean connected, boolean afterLoss, String detail) {
                liveConnection(connected, afterLoss, detail);
            }
        }));
        reloadTenants(memory.lastTenant());
    }

    private void startupFailed(Throwable failure) {
        startupProgress.setVisible(false);
        startupText.setText(InboxSession.explain(failure));
        startupText.getStyleClass().add("error");
        statusBar.notConnected();
    }

    void reloadTenants(Optional<UUID> select) {
        background.run(() -> session.services().tenants().list(), tenants -> {
            UUID wanted = select.orElse(session.tenantId());
            tenantBox.getItems().setAll(tenants);
            Optional<TenantView> pick = tenants.stream().filter(t -> t.id().equals(wanted)).findFirst()
                    .or(() -> tenants.stream().filter(t -> t.status() == TenantStatus.ACTIVE).findFirst())
                    .or(() -> tenants.stream().findFirst());
            if (pick.isPresent()) {
                if (session.tenant.get() != null && session.tenant.get().id().equals(pick.get().id())) {
                    session.tenant.set(pick.get());
                    tenantBox.setValue(pick.get());
                    updateTitle();
                } else {
                    tenantBox.setValue(pick.get());
                }
            } else {
                statusBar.say("No tenants yet: open Tenants to create one.");
            }
        }, failure -> statusBar.say("Could not load tenants: " + InboxSession.explain(failure)));
    }

    private void switchTenant(TenantView tenant) {
        session.tenant.set(tenant);
        memory.lastTenant(tenant.id());
        alerts.tenantSwitched();
        threadController.clear();
        contactPanelController.show(null);
        conversations.query();
        refreshUnread();
        statusBar.refreshBacklog();
        statusBar.refreshChannels();
        if (contactsWindow != null) {
            contactsWindow.tenantChanged();
        }
        updateTitle();
    }

    private boolean switchToTenantAt(int index) {
        if (index >= tenantBox.getItems().size()) {
            return false;
        }
        tenantBox.setValue(tenantBox.getItems().get(index));
        return true;
    }

    private void open(ConversationSummary c) {
        threadController.show(c);
        contactPanelController.show(c);
    }

    private void openFromPanel(ConversationSummary c) {
        conversations.reveal(c);
    }

    /** Something the agent did (sent, read) changed the list: refresh without waiting for the notification. */
    private void activity() {
        feed.refreshTop();
        refreshUnread();
        statusBar.refreshBacklog();
    }

    private void applyChanges(Set<Kind> kinds) {
        if (kinds.stream().anyMatch(LIST_KINDS::contains)) {
            feed.refreshTop();
            refreshUnread();
        }
        if (kinds.contains(Kind.MESSAGES) || kinds.contains(Kind.STATUSES) || kinds.contains(Kind.CONVERSATIONS)) {
            threadController.refresh();
            statusBar.refreshBacklog();
        }
        if (kinds.contains(Kind.CONTACTS) || kinds.contains(Kind.CONVERSATIONS)) {
            contactPanelController.refresh();
            if (contactsWindow != null) {
                contactsWindow.changed();
            }
        }
    }

    private void liveConnection(boolean connected, boolean afterLoss, String detail) {
        statusBar.live(connected, afterLoss, detail);
        if (connected && afterLoss) {
            reloadTenants(Optional.empty());
            feed.reload();
            threadController.refresh();
            contactPanelController.refresh();
            refreshUnread();
        }
    }

    private void refreshUnread() {
        UUID tenant = session.tenantId();
        if (tenant == null) {
            return;
        }
        background.run(() -> session.services().conversations().unreadTotal(tenant), total -> {
            if (tenant.equals(session.tenantId())) {
                unreadTotal = total;
                updateTitle();
            }
        }, failure -> { });
    }

    private void updateTitle() {
        TenantView t = session.tenant.get();
        String name = t == null ? "Switchboard" : t.name() + " — Switchboard";
        stage.setTitle(unreadTotal > 0 ? "(" + unreadTotal + ") " + name : name);
    }

    @FXML
    private void openContacts() {
        if (session.tenantId() == null) {
            return;
        }
        if (contactsWindow != null && contactsWindow.isShowing()) {
            contactsWindow.toFront();
            return;
        }
        contactsWindow = ContactsController.open(session);
    }

    @FXML
    private void openStats() {
        if (session.services() != null) {
            stats = stats != null && stats.stage().isShowing() ? stats : io.switchboard.ui.stats.StatsWindow.open(stage, session.services(), session.tenantId());
            stats.stage().toFront();
        }
    }

    @FXML
    private void openTenants() {
        TenantsController.open(session, created -> reloadTenants(Optional.of(created.id())), () -> {
            reloadTenants(Optional.empty());
            statusBar.refreshChannels();
        });
    }

    @FXML
    private void toggleTheme() {
        theme.cycle();
    }

    void theme(Themes.Mode mode) {
        theme.show(mode);
    }

    @FXML
    private void toggleHelp() {
        shortcuts.toggleHelp();
    }

    @FXML
    private void swallow(MouseEvent e) {
        e.consume();
    }

    @FXML
    private void togglePanel() {
        layout.togglePanel();
    }

    private void setEnabled(boolean enabled) {
        for (Node n : List.of(conversations.searchField(), contactsButton, tenantsButton, tenantBox)) {
            n.setDisable(!enabled);
        }
    }

    /** Opens the conversation at {@code index} of the list, as a click would (tests and tools). */
    void selectConversation(int index) {
        conversations.select(index);
    }

    ContactsController contactsWindow() {
        return contactsWindow;
    }

    void toggleHelpForTools() {
        toggleHelp();
    }

    void openContactsForTools() {
        openContacts();
    }

    void openTenantsForTools() {
        openTenants();
    }

    void openTemplatePickerForTools() {
        threadController.pickTemplateForTools();
    }

    int conversationCount() {
        return conversations.count();
    }

    /** Milliseconds the last conversation switch took to show its messages (for the benchmark). */
    public long lastSwitchMillis() {
        return threadController.lastSwitchMillis();
    }

    void shutdown() {
        layout.save();
        if (ticker != null) {
            ticker.stop();
        }
        if (listener != null) {
            listener.close();
        }
        if (background != null) {
            background.close();
        }
    }

    private static final class TenantNameCell extends ListCell<TenantView> {
        @Override
        protected void updateItem(TenantView t, boolean empty) {
            super.updateItem(t, empty);
            setText(empty || t == null ? null : t.name() + (t.status() == TenantStatus.INACTIVE ? " (inactive)" : ""));
        }
    }
}
