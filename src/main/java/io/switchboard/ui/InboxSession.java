package io.switchboard.ui;

import io.switchboard.ui.common.UiExecutor;
import io.switchboard.app.Services;
import io.switchboard.tenant.TenantView;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.Window;

/** What the window's controllers share: the services, the background executor, the selected tenant. */
final class InboxSession {
    final UiExecutor background;
    final ObjectProperty<TenantView> tenant = new SimpleObjectProperty<>();
    final Supplier<Instant> clock;
    private Services services;
    private Consumer<String> status = s -> { };
    private Supplier<Window> window = () -> null;

    InboxSession(UiExecutor background, Supplier<Instant> clock) {
        this.background = background;
        this.clock = clock;
    }

    Services services() {
        return services;
    }

    void connected(Services ready) {
        this.services = ready;
    }

    UUID tenantId() {
        TenantView t = tenant.get();
        return t == null ? null : t.id();
    }

    void onStatus(Consumer<String> sink) {
        this.status = sink;
    }

    /** A short message in the status bar. */
    void report(String message) {
        status.accept(message);
    }

    void onWindow(Supplier<Window> owner) {
        this.window = owner;
    }

    Window window() {
        return window.get();
    }

    /** A failure as a person reads it: validation messages as they are, anything else with its cause. */
    static String explain(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof io.switchboard.common.ValidationException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
