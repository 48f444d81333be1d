package io.switchboard.ui.thread;

import io.switchboard.common.ValidationException;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.TemplateParameters;
import io.switchboard.template.TemplateLayout;
import io.switchboard.template.TemplateChoice;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
import io.switchboard.ui.common.InboxSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Sending an approved template: one value per {{n}} of its header and body, the link or media id of an
 * image/video/document header, one value per URL (with a variable) or copy-code button, a live preview, and
 * send allowed only when the template's own rules accept the values. Nothing typed yet is not an
 * error; once the agent has started, the message says what is missing.
 */
public final class TemplatePickerViewModel {
    /** One {{n}} to fill: {@code id} names its input, {@code label} is shown beside it. */
    public record Parameter(String id, String label, String prompt, StringProperty value) {
    }

    private final TemplateService templates;
    private final InboxSession session;
    private final Consumer<OutboundContent> onSend;
    private final ObservableList<TemplateView> approved = FXCollections.observableArrayList();
    private final ObservableList<TemplateView> readOnlyApproved = FXCollections.unmodifiableObservableList(approved);
    private final ObjectProperty<TemplateView> selected = new SimpleObjectProperty<>(this, "selected");
    /** Paused or disabled templates: listed so the agent sees why, never picked. */
    private final Map<TemplateView, String> unusable = new HashMap<>();
    private final ObservableList<Parameter> parameters = FXCollections.observableArrayList();
    private final ObservableList<Parameter> readOnlyParameters = FXCollections.unmodifiableObservableList(parameters);
    private final List<StringProperty> header = new ArrayList<>();
    private final List<StringProperty> body = new ArrayList<>();
    /** The header's link or media id; null when the chosen template has no media header. */
    private StringProperty headerMedia;
    /** One value per button that takes one, in the template's button order. */
    private final List<StringProperty> buttons = new ArrayList<>();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper sendable = new ReadOnlyBooleanWrapper(this, "sendable");
    private final ReadOnlyBooleanWrapper noTemplates = new ReadOnlyBooleanWrapper(this, "noTemplates");
    private final ReadOnlyStringWrapper choicePrompt = new ReadOnlyStringWrapper(this, "choicePrompt", "Loading templates…");

    public TemplatePickerViewModel(TemplateService templates, InboxSession session, Consumer<OutboundContent> onSend) {
        this.templates = templates;
        this.session = session;
        this.onSend = onSend;
        selected.addListener((obs, old, t) -> {
            if (t != null && unusable.containsKey(t)) {
                selected.set(old != null && !unusable.containsKey(old) ? old : null);
                return;
            }
            parametersFor(t);
        });
    }

    /** The tenant's approved, agent-visible templates, then the paused or disabled ones; the first usable is chosen. */
    public void load() {
        UUID tenant = session.tenantId();
        session.executor().run(() -> templates.choices(tenant), this::loaded,
                failure -> error.set("Could not load templates: " + InboxSession.explain(failure)));
    }

    private void loaded(List<TemplateChoice> choices) {
        unusable.clear();
        choices.stream().filter(c -> !c.usable()).forEach(c -> unusable.put(c.template(), c.reason()));
        approved.setAll(choices.stream().map(TemplateChoice::template).toList());
        boolean none = choices.stream().noneMatch(TemplateChoice::usable);
        noTemplates.set(none);
        choicePrompt.set(none ? "No approved templates" : "Choose a template");
        selected.set(choices.stream().filter(TemplateChoice::usable).map(TemplateChoice::template).findFirst().orElse(null));
    }

    /** Why {@code t} cannot be sent (paused, disabled …), or null when it can. */
    public String unusableReason(TemplateView t) {
        return t == null ? null : unusable.get(t);
    }

    private void parametersFor(TemplateView t) {
        header.clear();
        body.clear();
        buttons.clear();
        headerMedia = null;
        List<Parameter> next = new ArrayList<>();
        if (t != null) {
            if (t.mediaHeader()) {
                String kind = t.headerFormat().toLowerCase(Locale.ROOT);
                headerMedia = field();
                next.add(new Parameter("param-header-media", "Header " + kind + ": link or media id",
                        "https://… or an uploaded media id", headerMedia));
            } else {
                add(t.headerPlaceholders(), true, next);
            }
            add(t.bodyPlaceholders(), false, next);
            for (TemplateLayout.Button b : t.parameterButtons()) {
                StringProperty value = field();
                buttons.add(value);
                boolean code = "COPY_CODE".equals(b.type());
                // ids carry the button's index in the template, so two buttons never share an input id
                next.add(new Parameter("param-button-" + b.index(),
                        code ? "Button " + (b.index() + 1) + ": offer code" : "Button " + (b.index() + 1) + " (" + b.text() + "): URL {{1}}",
                        code ? "The code the customer copies" : "Completes " + b.url(), value));
            }
        }
        parameters.setAll(next);
        update();
    }

    private void add(List<Integer> placeholders, boolean inHeader, List<Parameter> into) {
        int max = placeholders.isEmpty() ? 0 : placeholders.get(placeholders.size() - 1);
        for (int n = 1; n <= max; n++) {
            StringProperty value = field();
            (inHeader ? header : body).add(value);
            into.add(new Parameter("param-" + (inHeader ? "header-" : "") + n, (inHeader ? "Header {{" : "{{") + n + "}}", "Value for {{" + n + "}}", value));
        }
    }

    private StringProperty field() {
        StringProperty value = new SimpleStringProperty(this, "param", "");
        value.addListener((obs, old, v) -> update());
        return value;
    }

    /** Everything typed, as the service checks it. */
    private TemplateParameters filled() {
        List<TemplateParameters.ButtonParameter> values = new ArrayList<>();
        for (StringProperty b : buttons) {
            values.add(new TemplateParameters.ButtonParameter(values.size(), null, stripped(b)));
        }
        return new TemplateParameters(values(header), values(body), headerMedia == null ? null : stripped(headerMedia), values);
    }

    private void update() {
        TemplateView t = selected.get();
        if (t == null) {
            preview.set("");
            sendable.set(false);
            return;
        }
        preview.set(TemplateService.preview(t, values(header), values(body)));
        try {
            TemplateService.content(t, filled());
            error.set("");
            sendable.set(true);
        } catch (ValidationException e) {
            boolean untouched = Stream.of(header.stream(), body.stream(), buttons.stream(), Stream.ofNullable(headerMedia))
                    .flatMap(s -> s).allMatch(v -> v.get() == null || v.get().isEmpty());
            error.set(untouched ? "" : e.getMessage());
            sendable.set(false);
        }
    }

    private static List<String> values(List<StringProperty> fields) {
        return fields.stream().map(TemplatePickerViewModel::stripped).toList();
    }

    private static String stripped(StringProperty field) {
        return field.get() == null ? "" : field.get().strip();
    }

    /** Hands the filled template to the thread; false (with the reason in {@link #errorProperty()}) when it is not complete. */
    public boolean send() {
        TemplateView t = selected.get();
        if (t == null) {
            return false;
        }
        try {
            OutboundContent content = TemplateService.content(t, filled());
            onSend.accept(content);
            return true;
        } catch (ValidationException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    public ObservableList<TemplateView> templates() {
        return readOnlyApproved;
    }

    public ObjectProperty<TemplateView> selectedProperty() {
        return selected;
    }

    /** The inputs for the chosen template: header (text variables or media), body, then buttons. */
    public ObservableList<Parameter> parameters() {
        return readOnlyParameters;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sendableProperty() {
        return sendable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty noTemplatesProperty() {
        return noTemplates.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty choicePromptProperty() {
        return choicePrompt.getReadOnlyProperty();
    }
}
