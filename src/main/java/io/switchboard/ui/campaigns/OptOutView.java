package io.switchboard.ui.campaigns;

import io.switchboard.campaign.Campaigns;
import io.switchboard.contact.ContactView;
import io.switchboard.ui.common.FeatureWindows;
import io.switchboard.ui.common.InboxSession;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

/** The opt-out switch in the contact panel: binds opt-out.fxml to an {@link OptOutViewModel} following the panel's contact. */
public final class OptOutView {
    @FXML private CheckBox optedOutBox;
    @FXML private Label detail;

    /** The switch for the contact {@code contact} shows (it follows it as the agent opens other conversations). */
    public static Node create(Campaigns campaigns, InboxSession session, ObservableValue<ContactView> contact) {
        OptOutViewModel model = new OptOutViewModel(campaigns.optOuts(), session::tenantId, session.executor());
        FeatureWindows.Loaded<OptOutView> loaded = FeatureWindows.load("/fxml/campaigns/opt-out.fxml");
        Parent root = loaded.root();
        OptOutView view = loaded.controller();
        view.optedOutBox.selectedProperty().bindBidirectional(model.optedOut());
        view.optedOutBox.setOnAction(e -> {
            boolean wanted = view.optedOutBox.isSelected();
            view.optedOutBox.setSelected(!wanted); // shown as stored until the database says so
            model.set(wanted);
        });
        view.detail.textProperty().bind(model.detail());
        contact.addListener((obs, old, c) -> {
            if (old == null || c == null || !old.id().equals(c.id())) {
                model.show(c == null ? null : c.id());
            }
        });
        model.show(contact.getValue() == null ? null : contact.getValue().id());
        return root;
    }
}
