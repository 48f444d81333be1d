package io.switchboard.ui.templates;

import io.switchboard.template.TemplateDraft;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateRules;
import io.switchboard.template.TemplateService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The template editor: one property per field, the draft they make, every problem with Meta's limits keyed
 * by field (shown under that field as the admin types), a live preview of the message as the customer's
 * bubble shows it, and Submit (only when there is no problem).
 */
public final class TemplateEditorViewModel {
    public static final List<String> CATEGORIES = List.of("UTILITY", "MARKETING", "AUTHENTICATION");
    public static final List<String> HEADERS = List.of("NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT");

    private final TemplateActions actions;
    private final UUID tenantId;
    private final Executor io;
    private final Executor ui;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty category = new SimpleStringProperty("UTILITY");
    private final StringProperty language = new SimpleStringProperty("en_US");
    private final StringProperty headerFormat = new SimpleStringProperty("NONE");
    private final StringProperty headerText = new SimpleStringProperty("");
    private final StringProperty headerExample = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    /** One example value per line: line n is the example of {{n}}. */
    private final StringProperty bodyExamples = new SimpleStringProperty("");
    private final StringProperty footer = new SimpleStringProperty("");
    private final ObservableList<TemplateDraft.Button> buttons = FXCollections.observableArrayList();
    private final ObservableMap<String, String> problems = FXCollections.observableMap(new LinkedHashMap<>());
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    /** Editing an existing template: name and language identify it at Meta and stay as they are. */
    private final ReadOnlyBooleanWrapper editing = new ReadOnlyBooleanWrapper();

    public TemplateEditorViewModel(TemplateActions actions, UUID tenantId, Executor io, Executor ui) {
        this.actions = actions;
        this.tenantId = tenantId;
        this.io = io;
        this.ui = ui;
        for (Observable o : List.<Observable>of(name, category, language, headerFormat, headerText, headerExample, body, bodyExamples, footer, buttons)) {
            o.addListener(x -> recheck());
        }
        recheck();
    }

    /** Fills every field from a draft (Duplicate). */
    public void load(TemplateDraft d) {
        name.set(nz(d.name()));
        category.set(d.category() == null ? "UTILITY" : d.category().toUpperCase(Locale.ROOT));
        language.set(nz(d.language()));
        headerFormat.set(d.headerFormat() == null ? "NONE" : d.headerFormat());
        headerText.set(nz(d.headerText()));
        headerExample.set(nz(d.headerExample()));
        body.set(nz(d.body()));
        bodyExamples.set(String.join("\n", d.bodyExamples()));
        footer.set(nz(d.footer()));
        buttons.setAll(d.buttons());
    }

    /** The draft the fields make. */
    public TemplateDraft draft() {
        String format = "NONE".equals(headerFormat.get()) ? null : headerFormat.get();
        List<String> examples = bodyExamples.get().isBlank() ? List.of() : Arrays.stream(bodyExamples.get().split("\n", -1)).map(String::strip).toList();
        return new TemplateDraft(name.get().strip(), category.get(), language.get().strip(), format,
                "TEXT".equals(format) ? headerText.get() : null, format == null ? null : blankToNull(headerExample.get()), body.get(), examples,
                blankToNull(footer.get()), List.copyOf(buttons));
    }

    private void recheck() {
        TemplateDraft d = draft();
        Map<String, String> now = new LinkedHashMap<>();
        for (TemplateRules.Problem p : TemplateRules.problems(d)) {
            now.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
        }
        problems.keySet().retainAll(now.keySet());
        problems.putAll(now);
        valid.set(now.isEmpty());
        preview.set(previewOf(d));
    }

    /** The message as the customer's bubble shows it, with the example values in place of the variables. */
    static String previewOf(TemplateDraft d) {
        StringBuilder s = new StringBuilder();
        if (d.headerFormat() != null) {
            if (d.headerFormat().equals("TEXT")) {
                s.append(TemplateService.render(d.headerText(), d.headerExample() == null ? List.of() : List.of(d.headerExample()))).append("\n\n");
            } else {
                s.append("[").append(d.headerFormat().toLowerCase(Locale.ROOT)).append("]\n\n");
            }
        }
        s.append(TemplateService.render(d.body(), d.bodyExamples()));
        if (d.footer() != null) {
            s.append("\n\n").append(d.footer());
        }
        for (TemplateDraft.Button b : d.buttons()) {
            s.append("\n[").append(b.text() != null ? b.text() : "Copy offer code").append("]");
        }
        return s.toString();
    }

    /** The problem of one field (and its sub-fields, e.g. "buttons" covers buttons[2].url), or "" when none. */
    public String problemOf(String field) {
        StringBuilder s = new StringBuilder();
        problems.forEach((k, v) -> {
            if (k.equals(field) || k.startsWith(field + ".") || k.startsWith(field + "[")) {
                s.append(s.length() == 0 ? "" : "\n").append(k.equals(field) ? v : k + ": " + v);
            }
        });
        return s.toString();
    }

    /** Submits to Meta; {@code done} gets the stored (pending) template. */
    /** Fills the editor with a stored template to edit it in place (name and language locked). */
    public void loadForEdit(TemplateDraft d) {
        load(d);
        editing.set(true);
    }

    public ReadOnlyBooleanProperty editing() {
        return editing.getReadOnlyProperty();
    }

    public void submit(Consumer<TemplateRow> done) {
        if (!valid.get()) {
            message.set("Fix the marked fields first");
            return;
        }
        TemplateDraft d = draft();
        busy.set(true);
        boolean edit = editing.get();
        message.set((edit ? "Sending the edit of " : "Submitting ") + d.name() + " to Meta…");
        io.execute(() -> {
            try {
                TemplateRow row = edit ? actions.edit(tenantId, d) : actions.submit(tenantId, d);
                ui.execute(() -> {
                    busy.set(false);
                    message.set(row.name() + (edit ? " edited" : " submitted") + ": waiting for Meta's review");
                    done.accept(row);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    message.set(TemplatesViewModel.explain(e));
                });
            }
        });
    }

    public void addButton(TemplateDraft.Button b) {
        buttons.add(b);
    }

    public void removeButton(int index) {
        if (index >= 0 && index < buttons.size()) {
            buttons.remove(index);
        }
    }

    public StringProperty name() { return name; }
    public StringProperty category() { return category; }
    public StringProperty language() { return language; }
    public StringProperty headerFormat() { return headerFormat; }
    public StringProperty headerText() { return headerText; }
    public StringProperty headerExample() { return headerExample; }
    public StringProperty body() { return body; }
    public StringProperty bodyExamples() { return bodyExamples; }
    public StringProperty footer() { return footer; }
    public ObservableList<TemplateDraft.Button> buttons() { return buttons; }
    public ObservableMap<String, String> problems() { return problems; }
    public ReadOnlyStringProperty preview() { return preview.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty valid() { return valid.getReadOnlyProperty(); }
    public BooleanProperty busy() { return busy; }
    public StringProperty message() { return message; }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
