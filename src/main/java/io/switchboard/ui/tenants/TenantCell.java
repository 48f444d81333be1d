package io.switchboard.ui.tenants;

import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.Avatars;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** Avatar with initials, name, and an active/inactive pill; one cell object reused as the list scrolls. */
final class TenantCell extends ListCell<TenantView> {
    private final Label initials = new Label();
    private final Label name = new Label();
    private final Label status = new Label();
    private final HBox row;
    private final StackPane avatar;

    TenantCell() {
        avatar = Avatars.create(initials);
        name.getStyleClass().add("cell-title");
        name.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(name, Priority.ALWAYS);
        status.getStyleClass().add("pill");
        Region gap = new Region();
        row = new HBox(10, avatar, name, gap, status);
        row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(TenantView tenant, boolean empty) {
        super.updateItem(tenant, empty);
        if (empty || tenant == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        Avatars.show(avatar, initials, tenant.name(), tenant.id());
        name.setText(tenant.name());
        status.setText(tenant.status().code());
        status.getStyleClass().removeAll("pill-active", "pill-inactive");
        status.getStyleClass().add(tenant.status() == TenantStatus.ACTIVE ? "pill-active" : "pill-inactive");
        setText(null);
        setGraphic(row);
    }
}
