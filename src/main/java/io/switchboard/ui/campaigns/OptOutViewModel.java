package io.switchboard.ui.campaigns;

import io.switchboard.campaign.OptOuts;
import io.switchboard.ui.common.UiExecutor;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The contact panel's campaign opt-out switch: shows whether, since when and why the contact opted out; the agent sets or clears it. */
public final class OptOutViewModel {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private final OptOuts optOuts;
    private final Supplier<UUID> tenant;
    private final UiExecutor executor;
    private final BooleanProperty optedOut = new SimpleBooleanProperty();
    private final StringProperty detail = new SimpleStringProperty("");
    private UUID contactId;
    private long generation;

    public OptOutViewModel(OptOuts optOuts, Supplier<UUID> tenant, UiExecutor executor) {
        this.optOuts = optOuts;
        this.tenant = tenant;
        this.executor = executor;
    }

    /** Shows the contact's opt-out (null: no contact). */
    public void show(UUID contact) {
        contactId = contact;
        long mine = ++generation;
        if (contact == null) {
            optedOut.set(false);
            detail.set("");
            return;
        }
        UUID t = tenant.get();
        executor.run(() -> optOuts.of(t, contact), o -> {
            if (mine == generation) {
                apply(o);
            }
        }, e -> detail.set(e.getMessage()));
    }

    /** The agent's click. */
    public void set(boolean value) {
        if (contactId == null || value == optedOut.get()) {
            return;
        }
        UUID t = tenant.get();
        UUID contact = contactId;
        long mine = ++generation;
        executor.run(() -> optOuts.set(t, contact, value), o -> {
            if (mine == generation) {
                apply(o);
            }
        }, e -> detail.set(e.getMessage()));
    }

    private void apply(OptOuts.OptOut o) {
        optedOut.set(o.optedOut());
        detail.set(o.optedOut() ? "Receives no campaigns since " + WHEN.format(o.since()) + " (" + describe(o.source()) + ")" : "Receives campaigns");
    }

    private static String describe(String source) {
        return switch (source == null ? "" : source) {
            case "keyword" -> "wrote a stop keyword";
            case "agent" -> "set by an agent";
            case "import" -> "from an import";
            case "automation" -> "set by an automation";
            default -> "source unknown";
        };
    }

    public BooleanProperty optedOut() {
        return optedOut;
    }

    public StringProperty detail() {
        return detail;
    }
}
