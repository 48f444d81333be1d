package io.switchboard.ui.campaigns;

import io.switchboard.campaign.Audience;
import io.switchboard.campaign.CampaignDraft;
import io.switchboard.campaign.CampaignInput;
import io.switchboard.campaign.CampaignPreview;
import io.switchboard.campaign.Campaigns;
import io.switchboard.campaign.CreatedCampaign;
import io.switchboard.campaign.CsvAudience;
import io.switchboard.campaign.VariableSource;
import io.switchboard.common.ValidationException;
import io.switchboard.template.TemplateView;
import io.switchboard.ui.common.UiExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The New campaign wizard: name, description, an approved template, one source per variable (a contact field such
 * as name, phone, external_ref or metadata.KEY, with "|fallback", or a text), the audience (all contacts, a filter,
 * a CSV file, or contacts selected in the Contacts view), an optional start time in the tenant's zone and cap per
 * minute. Preview shows the recipient count, the daily-limit warning, what creating would refuse and the message
 * as real recipients get it; Create stores it (or nothing).
 */
public final class CampaignWizardViewModel {
    public static final List<String> AUDIENCES = List.of("All contacts", "Filter", "CSV file", "Selected contacts");
    /** The audience choices offered: "Selected contacts" only when the Contacts view handed a selection. */
    private final List<String> audiences;

    /** One variable of the chosen template: its label ("Body {{1}}") and the source typed for it. */
    public record Variable(String label, StringProperty source) {
    }

    private final Campaigns campaigns;
    private final UUID tenantId;
    private final UiExecutor executor;
    private final List<UUID> selectedContacts;
    private final ObservableList<TemplateView> templates = FXCollections.observableArrayList();
    private final ObjectProperty<TemplateView> template = new SimpleObjectProperty<>();
    private final ObservableList<Variable> variables = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final StringProperty audience = new SimpleStringProperty(AUDIENCES.get(0));
    private final StringProperty filter = new SimpleStringProperty("");
    private final StringProperty csvFile = new SimpleStringProperty("");
    private final StringProperty startAt = new SimpleStringProperty("");
    private final StringProperty cap = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public CampaignWizardViewModel(Campaigns campaigns, UUID tenantId, List<UUID> selectedContacts, UiExecutor executor) {
        this.campaigns = campaigns;
        this.tenantId = tenantId;
        this.executor = executor;
        this.selectedContacts = List.copyOf(selectedContacts);
        this.audiences = selectedContacts.isEmpty() ? AUDIENCES.subList(0, 3) : AUDIENCES;
        template.addListener((obs, old, t) -> variables.setAll(variablesOf(t)));
    }

    private static List<Variable> variablesOf(TemplateView t) {
        List<Variable> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        int header = t.headerPlaceholders().isEmpty() ? 0 : t.headerPlaceholders().get(t.headerPlaceholders().size() - 1);
        int body = t.bodyPlaceholders().isEmpty() ? 0 : t.bodyPlaceholders().get(t.bodyPlaceholders().size() - 1);
        for (int i = 1; i <= header; i++) {
            out.add(new Variable("Header {{" + i + "}}", new SimpleStringProperty("")));
        }
        for (int i = 1; i <= body; i++) {
            out.add(new Variable("Body {{" + i + "}}", new SimpleStringProperty(i == 1 ? "name|there" : "")));
        }
        return out;
    }

    /** Loads the tenant's approved templates. */
    public void load() {
        executor.run(() -> campaigns.templates().approved(tenantId), list -> {
            templates.setAll(list);
            if (template.get() == null && !list.isEmpty()) {
                template.set(list.get(0));
            }
        }, this::failed);
    }

    /** Checks the draft and shows the count, the warnings and sample messages. */
    public void preview() {
        busy.set(true);
        executor.run(() -> campaigns.service().preview(draft(), 3), p -> {
            busy.set(false);
            preview.set(describe(p));
            message.set(p.problems().isEmpty() ? "Ready to create" : "Creating would be refused: " + p.problems().get(0));
        }, this::failed);
    }

    /** Creates the campaign (a draft, or scheduled when a start time is given); {@code created} gets its id. */
    public void create(Consumer<UUID> created) {
        busy.set(true);
        executor.run(() -> campaigns.service().create(draft()), (CreatedCampaign c) -> {
            busy.set(false);
            message.set("Created: " + c.recipients() + " recipients" + (c.exceedsDailyLimit() ? " (more than the daily limit of " + c.dailyLimit()
                    + "; the rest waits for the next day)" : ""));
            created.accept(c.id());
        }, this::failed);
    }

    CampaignDraft draft() {
        TemplateView t = template.get();
        if (t == null) {
            throw new ValidationException("template", "choose an approved template");
        }
        List<VariableSource> sources = new ArrayList<>();
        for (Variable v : variables) {
            try {
                sources.add(VariableSource.parse(v.source().get()));
            } catch (ValidationException e) {
                throw new ValidationException(v.label(), e.getMessage().substring(e.field().length() + 2));
            }
        }
        Instant at = startAt.get() == null || startAt.get().isBlank() ? null : CampaignInput.when(startAt.get(), campaigns.service().timeZone(tenantId));
        Integer perMinute = null;
        if (cap.get() != null && !cap.get().isBlank()) {
            try {
                perMinute = Integer.parseInt(cap.get().strip());
            } catch (NumberFormatException e) {
                throw new ValidationException("cap_per_minute", "must be a whole number of messages per minute, not \"" + cap.get() + "\"");
            }
        }
        return new CampaignDraft(tenantId, name.get(), description.get(), t.name(), t.language(), sources, chosenAudience(), at, perMinute);
    }

    private Audience chosenAudience() {
        return switch (AUDIENCES.indexOf(audience.get())) {
            case 1 -> CampaignInput.filter(Arrays.asList(filter.get().split("[,\\n]")));
            case 2 -> {
                Path file = Path.of(csvFile.get().strip());
                try {
                    yield CsvAudience.load(campaigns.database(), tenantId, Files.readString(file, StandardCharsets.UTF_8)).audience();
                } catch (IOException e) {
                    throw new ValidationException("csv", "cannot read " + file + ": " + e.getMessage());
                }
            }
            case 3 -> {
                if (selectedContacts.isEmpty()) {
                    throw new ValidationException("audience", "no contacts are selected in the Contacts view");
                }
                yield new Audience.Contacts(selectedContacts);
            }
            default -> new Audience.All();
        };
    }

    static String describe(CampaignPreview p) {
        StringBuilder s = new StringBuilder();
        s.append(p.recipients()).append(" recipients (").append(p.matched()).append(" matching, ").append(p.optedOut()).append(" opted out and ")
                .append(p.invalid()).append(" with an invalid phone excluded)\n");
        if (p.dailyLimit() == null) {
            s.append("The number's daily messaging limit is unknown or unlimited.\n");
        } else if (p.exceedsDailyLimit()) {
            s.append("Warning: more than the number's daily messaging limit of ").append(p.dailyLimit())
                    .append(" in 24 hours; the rest waits for the next day.\n");
        }
        for (String problem : p.problems()) {
            s.append("Refused: ").append(problem).append('\n');
        }
        for (CampaignPreview.Sample sample : p.samples()) {
            s.append("\n").append(sample.phone()).append(sample.name() == null ? "" : " (" + sample.name() + ")").append(":\n").append(sample.text()).append('\n');
        }
        return s.toString();
    }

    private void failed(Throwable e) {
        busy.set(false);
        message.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    public List<String> audiences() {
        return audiences;
    }

    public ObservableList<TemplateView> templates() {
        return templates;
    }

    public ObjectProperty<TemplateView> template() {
        return template;
    }

    public ObservableList<Variable> variables() {
        return variables;
    }

    public StringProperty name() {
        return name;
    }

    public StringProperty description() {
        return description;
    }

    public StringProperty audience() {
        return audience;
    }

    public StringProperty filter() {
        return filter;
    }

    public StringProperty csvFile() {
        return csvFile;
    }

    public StringProperty startAt() {
        return startAt;
    }

    public StringProperty cap() {
        return cap;
    }

    public StringProperty previewText() {
        return preview;
    }

    public StringProperty message() {
        return message;
    }

    public BooleanProperty busy() {
        return busy;
    }
}
