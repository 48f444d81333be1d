package io.switchboard.ui.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/** The team sign-in dialog: binds {@code fxml/signin/sign-in.fxml} to a {@link SignInViewModel}; it closes itself once signed in. */
public final class SignInView {
    @FXML private Label server;
    @FXML private TextField login;
    @FXML private PasswordField password;
    @FXML private Button signInButton;
    @FXML private ProgressIndicator busy;
    @FXML private Label error;
    @FXML private HBox rememberBox;
    @FXML private CheckBox remember;
    @FXML private Hyperlink forget;
    @FXML private Label keyringNote;
    private SignInViewModel model;

    /** Shows the dialog in {@code stage} (the app's first window in team mode). */
    public static SignInView show(Stage stage, SignInViewModel model) {
        FXMLLoader loader = new FXMLLoader(SignInView.class.getResource("/fxml/signin/sign-in.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SignInView view = loader.getController();
        view.bind(model);
        Scene scene = new Scene(root);
        for (String sheet : List.of("/styles/app.css", "/styles/inbox.css")) {
            scene.getStylesheets().add(Objects.requireNonNull(SignInView.class.getResource(sheet)).toExternalForm());
        }
        stage.setTitle("Switchboard — sign in");
        stage.setScene(scene);
        stage.show();
        (model.loginProperty().get().isBlank() ? view.login : view.password).requestFocus();
        return view;
    }

    private void bind(SignInViewModel model) {
        this.model = model;
        server.textProperty().bind(model.serverProperty());
        login.textProperty().bindBidirectional(model.loginProperty());
        password.textProperty().bindBidirectional(model.passwordProperty());
        login.disableProperty().bind(model.busyProperty());
        password.disableProperty().bind(model.busyProperty());
        signInButton.disableProperty().bind(model.canSignInProperty().not());
        busy.visibleProperty().bind(model.busyProperty());
        error.textProperty().bind(model.errorProperty());
        remember.selectedProperty().bindBidirectional(model.rememberProperty());
        remember.disableProperty().bind(model.keyringAvailableProperty().not().or(model.busyProperty()));
        forget.visibleProperty().bind(model.keyringAvailableProperty());
        forget.disableProperty().bind(model.busyProperty());
        // On the box, not the checkbox: a disabled control shows no tooltip, and "why is this off" is the point.
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.keyringNoteProperty());
        why.setWrapText(true);
        why.setMaxWidth(420);
        Tooltip.install(rememberBox, why);
        keyringNote.textProperty().bind(Bindings.when(model.keyringAvailableProperty())
                .then("Your login is remembered on this computer; your password only in the system keyring, if you tick the box.")
                .otherwise(model.keyringNoteProperty()));
        // The keyring's answer arrives after the window is sized; a longer reason must not push the button out of it.
        keyringNote.textProperty().addListener((o, was, now) -> {
            if (keyringNote.getScene() != null && keyringNote.getScene().getWindow() instanceof Stage window) {
                window.sizeToScene();
            }
        });
        model.busyProperty().addListener((o, was, now) -> {
            if (!now && !model.errorProperty().get().isEmpty()) {
                password.requestFocus();
            }
        });
    }

    @FXML
    private void forget() {
        model.forgetPassword();
    }

    @FXML
    private void signIn() {
        model.signIn();
    }
}
