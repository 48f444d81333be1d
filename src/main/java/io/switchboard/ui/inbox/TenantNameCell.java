package io.switchboard.ui.inbox;

import io.switchboard.tenant.TenantStatus;
import io.switchboard.tenant.TenantView;
import javafx.scene.control.ListCell;

/** A tenant in the switcher: its name, marked when inactive. */
final class TenantNameCell extends ListCell<TenantView> {
    @Override
    protected void updateItem(TenantView t, boolean empty) {
        super.updateItem(t, empty);
        setText(empty || t == null ? null : t.name() + (t.status() == TenantStatus.INACTIVE ? " (inactive)" : ""));
    }
}
