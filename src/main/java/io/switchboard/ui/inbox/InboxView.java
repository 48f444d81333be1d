package io.switchboard.ui.inbox;

import io.switchboard.app.Services;
import io.switchboard.conversation.ConversationSummary;
import io.switchboard.live.ChangeListener;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.FxExecutor;
import io.switchboard.ui.common.InboxSession;
import io.switchboard.ui.contacts.ContactPanelView;
import io.switchboard.ui.palette.CommandPaletteView;
import io.switchboard.ui.stats.StatsWindow;
import io.switchboard.ui.thread.ThreadView;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
 * The main window: it starts the backend behind the startup overlay, then binds its parts to the
 * {@link InboxViewModel} the wiring built: {@link ConversationListView}, {@link ThreadView},
 * {@link ContactPanelView}, {@link StatusBar}, plus {@link Shortcuts}, {@link ThemeSwitch},
 * {@link WindowLayout} and {@link InboundAlerts}, which are the window's own. What the toolbar, the shortcuts and the
 * command palette ask for is done by {@link WindowActions}.
 */
public class InboxView {
    @FXML private StackPane root;
    @FXML private HBox searchBox;
    @FXML private Button contactsButton;
    @FXML private Button templatesButton;
    @FXML private Button statsButton;
    @FXML private Button backupToolButton;
    @FXML private Button tenantsButton;
    @FXML private javafx.scene.layout.HBox topBar;
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
    @FXML private ThreadView threadController;
    @FXML private ContactPanelView contactPanelController;
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

    private ConversationListView conversations;
    private WindowActions actions;
    private Shortcuts shortcuts;
    private StatusBar statusBar;
    private ThemeSwitch theme;
    private WindowLayout layout;
    private FxExecutor executor;
    private InboxSession session;
    private InboxViewModel model;
    private WindowMemory memory;
    private Stage stage;
    private ChangeListener listener;
    private Timeline ticker;
    private io.switchboard.ui.team.TeamInboxView team;

    @FXML
    private void initialize() {
        conversations = new ConversationListView(searchBox, chips, conversationList, listFooter, () -> threadController.focusComposer());
        tenantBox.setCellFactory(list -> new TenantNameCell());
        tenantBox.setButtonCell(new TenantNameCell());
        shortcuts = new Shortcuts(helpOverlay, shortcutGrid);
        statusBar = new StatusBar(connectionIcon, connectionLabel, liveIcon, liveLabel, workerLabel, channelLabel,
                statusMessage, banner, bannerText);
        theme = new ThemeSwitch(themeButton, themeIcon);
        layout = new WindowLayout(split, contactPanel, panelToggle);
        setEnabled(false);
        ComposerFollowsTheList.install(conversationList, threadController);
        io.switchboard.ui.common.CompactToolbar.install(topBar);
    }

    /** Called once the window shows; the backend starts off the FX thread behind the startup overlay. */
    public void start(Stage stage, Supplier<Services> backend, WindowMemory memory, Supplier<Instant> clock) {
        this.stage = stage;
        this.memory = memory;
        this.executor = new FxExecutor();
        this.session = new InboxSession(executor, clock);
        session.onStatus(statusBar::say);
        layout.restore(stage, memory);
        this.actions = new WindowActions(new WindowActions.Parts(stage, session, conversations, threadController, tenantBox, theme, panelToggle, shortcuts));
        StatsWindow.installShortcut(stage.getScene(), this::openStats);
        shortcuts.install(stage.getScene(), actions, actions::switchTenantAt);
        theme.start(memory, executor);
        executor.run(backend::get, this::connected, this::startupFailed);
    }

    private void connected(Services ready) {
        model = InboxWiring.wire(ready, session);
        actions.connected(ready, model);
        startupOverlay.setVisible(false);
        statusBar.connected(ready.connectionDescription(), model.statusBar());
        conversations.bind(model.conversationList(), session.clock());
        threadController.bind(model.thread(), session.clock());
        contactPanelController.bind(model.contactPanel(), model.conversationList()::reveal);
        contactPanelController.addSection(io.switchboard.ui.campaigns.OptOutView.create(ready.campaigns(), session, model.contactPanel().contactProperty()));
        InboundAlerts alerts = new InboundAlerts(stage, session, model.conversationList()::reveal);
        model.onFirstPage(alerts::rowsLoaded);
        // Set, not bound: the stage outlives this view in tests and tools that reuse it.
        model.titleProperty().addListener((obs, old, title) -> stage.setTitle(title));
        tenantBox.setItems(model.tenants());
        model.pickedProperty().addListener((obs, old, t) -> tenantBox.setValue(t));
        tenantBox.valueProperty().addListener((obs, old, t) -> {
            if (t != null && (old == null || !old.id().equals(t.id()))) {
                memory.lastTenant(t.id());
                alerts.tenantSwitched();
                model.switchTenant(t);
            }
        });
        stage.focusedProperty().addListener((obs, was, focused) -> {
            if (focused) {
                threadController.refresh();
            }
        });
        ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(30), e -> {
            conversations.redraw();
            model.thread().tick();
            model.statusBar().refreshBacklog();
        }));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        setEnabled(true);
        io.switchboard.ui.team.TeamViewModel teamModel = InboxWiring.team(ready, session, model);
        team = io.switchboard.ui.team.TeamInboxView.install(stage, teamModel, conversations::showActivity);
        actions.team(teamModel, team);
        CommandPaletteView.install(stage.getScene(), InboxWiring.palette(ready, session, actions::paletteContext, actions));
        listener = ready.listenForChanges(new LiveUpdates(session, new WindowReactions(model, team, threadController, contactPanelController)));
        model.reloadTenants(memory.lastTenant());
    }

    private void startupFailed(Throwable failure) {
        startupProgress.setVisible(false);
        startupText.setText(InboxSession.explain(failure));
        startupText.getStyleClass().add("error");
        statusBar.notConnected();
    }

    @FXML
    private void openContacts() {
        actions.openContacts();
    }

    @FXML
    private void openTenants() {
        actions.openTenants();
    }

    @FXML
    private void openTemplates() {
        actions.openTemplates();
    }

    @FXML
    private void openCampaigns() {
        actions.openCampaigns();
    }

    @FXML
    private void openAutomations() {
        actions.openAutomations();
    }

    @FXML
    private void openStats() {
        actions.openStats();
    }

    @FXML
    private void openAudit() {
        actions.openAudit();
    }

    @FXML
    private void openBackup() {
        actions.openBackup();
    }

    @FXML
    private void toggleTheme() {
        theme.cycle();
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
        for (Node n : List.of(conversations.searchField(), contactsButton, templatesButton, statsButton, tenantsButton, backupToolButton, tenantBox)) {
            n.setDisable(!enabled);
        }
    }

    /** The window's state, once the database is up (null before). */
    public InboxViewModel model() {
        return model;
    }

    public void shutdown() {
        layout.save();
        if (ticker != null) {
            ticker.stop();
        }
        if (team != null) {
            team.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
