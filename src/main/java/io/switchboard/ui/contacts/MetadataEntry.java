package io.switchboard.ui.contacts;

import io.switchboard.common.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable key/value row of a contact's metadata. */
public final class MetadataEntry {
    private final StringProperty key = new SimpleStringProperty(this, "key");
    private final StringProperty value = new SimpleStringProperty(this, "value");

    public MetadataEntry(String key, String value) {
        this.key.set(key);
        this.value.set(value);
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** The rows as the contact's metadata; a key that appears twice (after trimming) is refused, naming the key. */
    static Map<String, String> toMap(List<MetadataEntry> rows) {
        Map<String, String> values = new LinkedHashMap<>();
        for (MetadataEntry e : rows) {
            String k = e.key.get() == null ? "" : e.key.get().strip();
            if (values.containsKey(k)) {
                throw new ValidationException("metadata", "the key \"" + k + "\" appears twice");
            }
            values.put(k, e.value.get());
        }
        return values;
    }
}
