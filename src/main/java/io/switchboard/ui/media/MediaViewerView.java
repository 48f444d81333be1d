package io.switchboard.ui.media;

import io.switchboard.ui.common.Dialogs;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The picture viewer window: binds viewer.fxml to a {@link MediaViewerViewModel}. */
public final class MediaViewerView {
    @FXML private BorderPane root;
    @FXML private Button previousButton;
    @FXML private Button nextButton;
    @FXML private Button zoomInButton;
    @FXML private Button zoomOutButton;
    @FXML private Button saveButton;
    @FXML private Label title;
    @FXML private Label detail;
    @FXML private Label zoomLabel;
    @FXML private Label error;
    @FXML private ScrollPane scroller;
    @FXML private StackPane canvas;
    @FXML private ImageView picture;
    private MediaViewerViewModel model;

    public static MediaViewerView open(Window owner, MediaViewerViewModel model) {
        Dialogs.Opened<MediaViewerView> d = Dialogs.open(owner, "media/viewer.fxml", "Picture", false);
        MediaViewerView v = d.controller();
        v.bind(model);
        d.stage().titleProperty().bind(model.titleProperty());
        d.stage().show();
        return v;
    }

    private void bind(MediaViewerViewModel vm) {
        this.model = vm;
        title.textProperty().bind(vm.titleProperty());
        detail.textProperty().bind(vm.detailProperty());
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        previousButton.disableProperty().bind(vm.hasPreviousProperty().not());
        nextButton.disableProperty().bind(vm.hasNextProperty().not());
        picture.imageProperty().bind(vm.imageProperty());
        // Fit: the picture follows the window (never enlarged past its pixels); otherwise it has the chosen zoom and scrolls.
        picture.fitWidthProperty().bind(Bindings.createDoubleBinding(() -> width(vm.imageProperty().get(), vm.fitProperty().get(), vm.zoomProperty().get()),
                vm.imageProperty(), vm.fitProperty(), vm.zoomProperty(), scroller.widthProperty()));
        picture.fitHeightProperty().bind(Bindings.createDoubleBinding(() -> height(vm.imageProperty().get(), vm.fitProperty().get(), vm.zoomProperty().get()),
                vm.imageProperty(), vm.fitProperty(), vm.zoomProperty(), scroller.heightProperty()));
        zoomLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.fitProperty().get() ? "Fit" : Math.round(vm.zoomProperty().get() * 100) + " %",
                vm.fitProperty(), vm.zoomProperty()));
        scroller.fitToWidthProperty().bind(vm.fitProperty());
        scroller.fitToHeightProperty().bind(vm.fitProperty());
        root.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.RIGHT) {
                vm.next();
            } else if (e.getCode() == KeyCode.LEFT) {
                vm.previous();
            } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.ADD || e.getCode() == KeyCode.EQUALS) {
                vm.zoomIn();
            } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
                vm.zoomOut();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                root.getScene().getWindow().hide();
            }
        });
        scroller.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                if (e.getDeltaY() > 0) {
                    vm.zoomIn();
                } else if (e.getDeltaY() < 0) {
                    vm.zoomOut();
                }
                e.consume();
            }
        });
    }

    private double width(Image image, boolean fit, double zoom) {
        if (image == null) {
            return 0;
        }
        return fit ? Math.min(image.getWidth(), Math.max(50, scroller.getWidth() - 4)) : image.getWidth() * zoom;
    }

    private double height(Image image, boolean fit, double zoom) {
        if (image == null) {
            return 0;
        }
        return fit ? Math.min(image.getHeight(), Math.max(50, scroller.getHeight() - 4)) : image.getHeight() * zoom;
    }

    @FXML
    private void previous() {
        model.previous();
    }

    @FXML
    private void next() {
        model.next();
    }

    @FXML
    private void zoomIn() {
        model.zoomIn();
    }

    @FXML
    private void zoomOut() {
        model.zoomOut();
    }

    @FXML
    private void fit() {
        model.fitToWindow();
    }

    @FXML
    private void actualSize() {
        model.setZoom(1);
    }

    @FXML
    private void saveAs() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save picture as");
        chooser.setInitialFileName(model.suggestedName());
        File target = chooser.showSaveDialog(root.getScene().getWindow());
        if (target != null) {
            model.saveAs(target.toPath());
        }
    }
}
