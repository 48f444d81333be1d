package io.switchboard.ui;

import io.switchboard.contact.ContactCursor;
import io.switchboard.contact.ContactSort;
import io.switchboard.contact.ContactView;
import io.switchboard.contact.ImportReport;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The tenant's contacts: a searchable table sorted by the database, add/edit/delete, CSV import and export. */
public class ContactsController {
    static final int PAGE = 200;
    @FXML private TextField searchField;
    @FXML private TableView<ContactView> table;
    @FXML private Button editButton;
    @FXML private Button deleteButton;
    @FXML private Button importButton;
    @FXML private VBox importPane;
    @FXML private ProgressBar importProgress;
    @FXML private Label importSummary;
    @FXML private ListView<ImportReport.LineError> importErrors;
    @FXML private Label footer;

    private final PauseTransition searchDebounce = new PauseTransition(javafx.util.Duration.millis(220));
    private InboxSession session;
    private Stage stage;
    private ContactCursor next;
    private boolean loading;
    private long generation;

    static ContactsController open(InboxSession session) {
        Dialogs.Opened<ContactsController> d = Dialogs.open(session.window(), "contacts.fxml", "Contacts — " + session.tenant.get().name(), false);
        ContactsController c = d.controller();
        c.session = session;
        c.stage = d.stage();
        d.stage().show();
        c.reload();
        return c;
    }

    @FXML
    private void initialize() {
        table.getColumns().setAll(List.of(
                column("Name", ContactSort.NAME, v -> v.name() == null ? "" : v.name()),
                column("Phone", ContactSort.PHONE, ContactView::phone),
                column("External ref", null, v -> v.externalRef() == null ? "" : v.externalRef()),
                column("Metadata", null, v -> v.metadata().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))),
                column("Created", ContactSort.CREATED, v -> TimeLabels.date(v.createdAt())),
                column("Updated", ContactSort.UPDATED, v -> TimeLabels.date(v.updatedAt()))));
        table.setPlaceholder(new Label("No contacts"));
        // The database sorts (the table only ever holds a page or a few), so a header click reloads.
        table.setSortPolicy(t -> {
            if (session != null) {
                reload();
            }
            return true;
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, v) -> {
            editButton.setDisable(v == null);
            deleteButton.setDisable(v == null);
        });
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<ContactView> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    edit();
                }
            });
            return row;
        });
        table.skinProperty().addListener((obs, old, skin) -> Platform.runLater(this::watchEnd));
        editButton.setDisable(true);
        deleteButton.setDisable(true);
        searchField.textProperty().addListener((obs, old, text) -> searchDebounce.playFromStart());
        searchDebounce.setOnFinished(e -> reload());
        importErrors.setPlaceholder(new Label("No errors"));
    }

    private TableColumn<ContactView, String> column(String title, ContactSort sort, java.util.function.Function<ContactView, String> value) {
        TableColumn<ContactView, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(sort != null);
        c.setUserData(sort);
        return c;
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    void toFront() {
        stage.toFront();
    }

    void tenantChanged() {
        if (stage.isShowing()) {
            stage.setTitle("Contacts — " + session.tenant.get().name());
            reload();
        }
    }

    void changed() {
        if (stage.isShowing() && !loading) {
            reload();
        }
    }

    private ContactSort sort() {
        if (table.getSortOrder().isEmpty()) {
            return ContactSort.NAME;
        }
        return (ContactSort) table.getSortOrder().get(0).getUserData();
    }

    private boolean ascending() {
        return table.getSortOrder().isEmpty() || table.getSortOrder().get(0).getSortType() == TableColumn.SortType.ASCENDING;
    }

    void reload() {
        long mine = ++generation;
        UUID tenant = session.tenantId();
        String search = searchField.getText();
        ContactSort sort = sort();
        boolean asc = ascending();
        loading = true;
        session.background.run(() -> session.services().contacts().page(tenant, search, sort, asc, null, PAGE), page -> {
            loading = false;
            if (mine != generation) {
                return;
            }
            next = page.next();
            table.getItems().setAll(page.items());
            footerText();
        }, failure -> {
            loading = false;
            footer.setText("Could not load contacts: " + InboxSession.explain(failure));
        });
    }

    private void loadMore() {
        if (next == null || loading) {
            return;
        }
        loading = true;
        long mine = generation;
        UUID tenant = session.tenantId();
        ContactCursor cursor = next;
        String search = searchField.getText();
        ContactSort sort = sort();
        boolean asc = ascending();
        session.background.run(() -> session.services().contacts().page(tenant, search, sort, asc, cursor, PAGE), page -> {
            loading = false;
            if (mine != generation) {
                return;
            }
            next = page.next();
            table.getItems().addAll(page.items());
            footerText();
        }, failure -> loading = false);
    }

    private void footerText() {
        int n = table.getItems().size();
        footer.setText(next == null ? n + (n == 1 ? " contact" : " contacts") : n + " contacts loaded · scroll for more");
    }

    private void watchEnd() {
        if (table.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            flow.positionProperty().addListener((obs, old, position) -> {
                if (position.doubleValue() >= 0.85) {
                    loadMore();
                }
            });
        }
    }

    @FXML
    private void add() {
        ContactEditorController.open(session, stage, null, saved -> reload());
    }

    @FXML
    private void edit() {
        ContactView selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            ContactEditorController.open(session, stage, selected, saved -> reload());
        }
    }

    @FXML
    private void delete() {
        ContactView selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION,
                "Delete " + selected.title() + "? Their conversations and messages are deleted with them.", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(stage);
        confirm.setHeaderText("Delete contact");
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> {
            UUID tenant = session.tenantId();
            session.background.run(() -> {
                session.services().contacts().delete(tenant, selected.id());
                return null;
            }, done -> reload(), failure -> footer.setText(InboxSession.explain(failure)));
        });
    }

    @FXML
    private void chooseImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import contacts from CSV");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            importFile(file.toPath());
        }
    }

    /** Imports a CSV file with a progress bar, then shows the summary and every bad line. */
    void importFile(Path file) {
        UUID tenant = session.tenantId();
        importPane.setVisible(true);
        importPane.setManaged(true);
        importProgress.setProgress(0);
        importSummary.setText("Reading " + file.getFileName() + "…");
        importErrors.getItems().clear();
        importButton.setDisable(true);
        AtomicLong lastUpdate = new AtomicLong();
        session.background.run(() -> {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return session.services().contacts().importCsv(tenant, in, (fraction, what) -> {
                    long now = System.nanoTime();
                    if (fraction >= 1 || now - lastUpdate.get() > 50_000_000L) {
                        lastUpdate.set(now);
                        Platform.runLater(() -> {
                            importProgress.setProgress(fraction);
                            importSummary.setText(what);
                        });
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, report -> {
            importButton.setDisable(false);
            importProgress.setProgress(1);
            importSummary.setText("Imported " + report.imported() + " of " + report.rows() + " rows (" + report.created() + " new, "
                    + report.updated() + " updated)" + (report.errors().isEmpty() ? "." : "; " + report.errors().size()
                    + (report.errors().size() == 1 ? " line was" : " lines were") + " not imported:"));
            importErrors.getItems().setAll(report.errors());
            reload();
        }, failure -> {
            importButton.setDisable(false);
            importProgress.setProgress(0);
            importSummary.setText("Nothing was imported: " + InboxSession.explain(failure));
        });
    }

    @FXML
    private void chooseExport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export contacts to CSV");
        chooser.setInitialFileName("contacts.csv");
        File file = chooser.showSaveDialog(stage);
        if (file == null) {
            return;
        }
        UUID tenant = session.tenantId();
        footer.setText("Exporting…");
        session.background.run(() -> {
            try (BufferedWriter out = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
                return session.services().contacts().exportCsv(tenant, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, count -> footer.setText("Exported " + count + " contacts to " + file.getName()),
                failure -> footer.setText("Export failed: " + InboxSession.explain(failure)));
    }
}
