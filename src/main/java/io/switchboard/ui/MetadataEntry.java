package io.switchboard.ui;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable key/value row of a contact's metadata. */
final class MetadataEntry {
    final StringProperty key = new SimpleStringProperty();
    final StringProperty value = new SimpleStringProperty();

    MetadataEntry(String key, String value) {
        this.key.set(key);
        this.value.set(value);
    }
}
