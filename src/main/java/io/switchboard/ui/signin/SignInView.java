package io.switchboard.ui.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
        model.busyProperty().addListener((o, was, now) -> {
            if (!now && !model.errorProperty().get().isEmpty()) {
                password.requestFocus();
            }
        });
    }

    @FXML
    private void signIn() {
        model.signIn();
    }
}
