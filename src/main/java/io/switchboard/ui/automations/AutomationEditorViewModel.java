package io.switchboard.ui.automations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.automation.ActionType;
import io.switchboard.automation.AutomationDraft;
import io.switchboard.automation.AutomationService;
import io.switchboard.automation.AutomationStatus;
import io.switchboard.automation.AutomationView;
import io.switchboard.automation.DryRun;
import io.switchboard.automation.TriggerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The automation editor: a form per trigger and action type (no JSON needed), or the raw JSON for experts — both
 * validated by the same rules on Save and Test. Test is a dry run against a sample message, or the contact's latest.
 */
public final class AutomationEditorViewModel {
    public static final List<String> TRIGGERS = Arrays.stream(TriggerType.values()).map(TriggerType::code).toList();
    public static final List<String> ACTIONS = Arrays.stream(ActionType.values()).map(ActionType::code).toList();
    public static final List<String> EVENTS = List.of("message_received", "message_status");
    public static final List<String> ONCE_PER = List.of("event", "conversation", "conversation_day", "contact_day");
    public static final List<String> AUDIENCES = List.of("all", "filter", "contact");
    public static final List<String> OPT_OUT = List.of("", "set", "clear");
    public static final List<String> CONVERSATION = List.of("", "close", "reopen");
    public static final List<String> METHODS = List.of("POST", "GET", "PUT", "PATCH", "DELETE");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AutomationService service;
    private final UUID tenantId;
    private final Executor io;
    private final Executor ui;
    private UUID editing;

    final StringProperty name = new SimpleStringProperty("");
    final StringProperty description = new SimpleStringProperty("");
    final StringProperty status = new SimpleStringProperty("active");
    final StringProperty triggerType = new SimpleStringProperty("webhook");
    final StringProperty actionType = new SimpleStringProperty("send_message");
    // webhook
    final StringProperty event = new SimpleStringProperty("message_received");
    final StringProperty keywords = new SimpleStringProperty("");
    final StringProperty contains = new SimpleStringProperty("");
    final StringProperty regex = new SimpleStringProperty("");
    final BooleanProperty firstMessage = new SimpleBooleanProperty();
    final BooleanProperty outsideBusinessHours = new SimpleBooleanProperty();
    final StringProperty messageTypes = new SimpleStringProperty("");
    final StringProperty conversationStatus = new SimpleStringProperty("");
    final StringProperty contactMetadata = new SimpleStringProperty("");
    final StringProperty deliveryStatus = new SimpleStringProperty("");
    final StringProperty errorCodes = new SimpleStringProperty("");
    final StringProperty oncePer = new SimpleStringProperty("event");
    // schedule
    final StringProperty cron = new SimpleStringProperty("0 9 * * MON-FRI");
    final StringProperty audience = new SimpleStringProperty("all");
    final StringProperty audienceFilter = new SimpleStringProperty("");
    final StringProperty audiencePhone = new SimpleStringProperty("");
    // send_message / send_template
    final StringProperty text = new SimpleStringProperty("");
    final StringProperty templateName = new SimpleStringProperty("");
    final StringProperty templateLanguage = new SimpleStringProperty("en_US");
    final StringProperty templateParams = new SimpleStringProperty("");
    // update_contact
    final StringProperty contactName = new SimpleStringProperty("");
    final StringProperty externalRef = new SimpleStringProperty("");
    final StringProperty metadata = new SimpleStringProperty("");
    final StringProperty optOut = new SimpleStringProperty("");
    final StringProperty conversation = new SimpleStringProperty("");
    final StringProperty reply = new SimpleStringProperty("");
    // http_request
    final StringProperty method = new SimpleStringProperty("POST");
    final StringProperty url = new SimpleStringProperty("");
    final StringProperty headers = new SimpleStringProperty("");
    final StringProperty secretHeaders = new SimpleStringProperty("");
    final StringProperty body = new SimpleStringProperty("");
    final BooleanProperty allowPrivateNetwork = new SimpleBooleanProperty();
    // raw JSON, test, outcome
    final BooleanProperty rawMode = new SimpleBooleanProperty();
    final StringProperty rawJson = new SimpleStringProperty("");
    final StringProperty sampleText = new SimpleStringProperty("hello");
    final StringProperty samplePhone = new SimpleStringProperty("");
    final StringProperty testResult = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty();
    final ObjectProperty<AutomationView> saved = new SimpleObjectProperty<>();

    public AutomationEditorViewModel(AutomationService service, UUID tenantId, Executor io, Executor ui) {
        this.service = service;
        this.tenantId = tenantId;
        this.io = io;
        this.ui = ui;
        rawMode.addListener((o, was, raw) -> switchMode(raw));
    }

    // the properties a view binds (package-private fields above keep this class short for its many fields)
    public StringProperty name() { return name; }
    public StringProperty description() { return description; }
    public StringProperty triggerType() { return triggerType; }
    public StringProperty actionType() { return actionType; }
    public StringProperty keywords() { return keywords; }
    public StringProperty text() { return text; }
    public StringProperty url() { return url; }
    public StringProperty cron() { return cron; }
    public BooleanProperty rawMode() { return rawMode; }
    public StringProperty rawJson() { return rawJson; }
    public StringProperty sampleText() { return sampleText; }
    public StringProperty samplePhone() { return samplePhone; }
    public StringProperty testResult() { return testResult; }
    public StringProperty message() { return message; }
    public BooleanProperty busy() { return busy; }
    public ObjectProperty<AutomationView> saved() { return saved; }

    /** Fills the form from a stored automation (its secret headers arrive masked and stay so unless retyped). */
    public void load(AutomationView v) {
        editing = v.id();
        fill(v.draft());
    }

    /** Fills the form from a draft (a recipe or the raw JSON). */
    public void fill(AutomationDraft d) {
        name.set(d.name());
        description.set(d.description() == null ? "" : d.description());
        status.set(d.status().code());
        triggerType.set(d.triggerType().code());
        actionType.set(d.actionType().code());
        ObjectNode t = d.triggerConfig();
        event.set(t.path("event").asText("message_received"));
        oncePer.set(t.path("once_per").asText("event"));
        JsonNode c = t.path("conditions");
        keywords.set(list(c.get("keywords")));
        contains.set(list(c.get("contains")));
        regex.set(c.path("regex").asText(""));
        firstMessage.set(c.path("first_message").asBoolean(false));
        outsideBusinessHours.set(c.path("outside_business_hours").asBoolean(false));
        messageTypes.set(list(c.get("message_type")));
        conversationStatus.set(list(c.get("conversation_status")));
        contactMetadata.set(pairs(c.get("contact_metadata"), "="));
        deliveryStatus.set(list(c.get("status")));
        errorCodes.set(list(c.get("error_code")));
        cron.set(t.path("cron").asText("0 9 * * MON-FRI"));
        audience.set(t.path("audience").path("kind").asText("all"));
        audienceFilter.set(pairs(t.path("audience").get("metadata"), "="));
        audiencePhone.set(t.path("audience").path("phone").asText(""));
        ObjectNode a = d.actionConfig();
        text.set(a.path("text").asText(""));
        JsonNode template = d.actionType() == ActionType.SEND_TEMPLATE ? a : a.path("fallback_template");
        templateName.set(template.path("name").asText(""));
        templateLanguage.set(template.path("language").asText("en_US"));
        templateParams.set(list(template.get("body_params")));
        contactName.set(a.path("name").isTextual() && d.actionType() == ActionType.UPDATE_CONTACT ? a.path("name").asText() : "");
        externalRef.set(a.path("external_ref").asText(""));
        metadata.set(pairs(a.get("metadata"), "="));
        optOut.set(a.path("opt_out").asText(""));
        conversation.set(a.path("conversation").asText(""));
        reply.set(a.path("reply").asText(""));
        method.set(a.path("method").asText("POST"));
        url.set(a.path("url").asText(""));
        headers.set(pairs(a.get("headers"), ": "));
        secretHeaders.set(pairs(a.get("secret_headers"), ": "));
        body.set(a.has("body") ? a.get("body").toPrettyString() : "");
        allowPrivateNetwork.set(a.path("allow_private_network").asBoolean(false));
        if (rawMode.get()) {
            rawJson.set(d.toJson().toPrettyString());
        }
    }

    /** The automation as the form (or the raw JSON) says; bad JSON or a missing field is told by the exception. */
    public AutomationDraft draft() {
        return rawMode.get() ? AutomationDraft.fromJson(rawJson.get()) : formDraft();
    }

    private AutomationDraft formDraft() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name.get());
        if (!description.get().isBlank()) {
            o.put("description", description.get());
        }
        o.put("status", status.get());
        o.put("trigger_type", triggerType.get());
        o.set("trigger_config", triggerConfig());
        o.put("action_type", actionType.get());
        o.set("action_config", actionConfig());
        return AutomationDraft.fromJson(o);
    }

    private ObjectNode triggerConfig() {
        ObjectNode t = JSON.createObjectNode();
        switch (triggerType.get()) {
            case "webhook" -> {
                t.put("event", event.get());
                ObjectNode c = JSON.createObjectNode();
                if (event.get().equals("message_received")) {
                    putList(c, "keywords", keywords.get());
                    putList(c, "contains", contains.get());
                    if (!regex.get().isBlank()) {
                        c.put("regex", regex.get());
                    }
                    if (firstMessage.get()) {
                        c.put("first_message", true);
                    }
                    if (outsideBusinessHours.get()) {
                        c.put("outside_business_hours", true);
                    }
                    putList(c, "message_type", messageTypes.get());
                    putList(c, "conversation_status", conversationStatus.get());
                } else {
                    putList(c, "status", deliveryStatus.get());
                    putList(c, "error_code", errorCodes.get());
                }
                putPairs(c, "contact_metadata", contactMetadata.get(), "=");
                if (!c.isEmpty()) {
                    t.set("conditions", c);
                }
                if (!"event".equals(oncePer.get())) {
                    t.put("once_per", oncePer.get());
                }
            }
            case "schedule" -> {
                t.put("cron", cron.get());
                ObjectNode a = t.putObject("audience");
                a.put("kind", audience.get());
                if (audience.get().equals("filter")) {
                    putPairs(a, "metadata", audienceFilter.get(), "=");
                } else if (audience.get().equals("contact")) {
                    a.put("phone", audiencePhone.get());
                }
            }
            default -> {
                // manual and api take no settings
            }
        }
        return t;
    }

    private ObjectNode actionConfig() {
        ObjectNode a = JSON.createObjectNode();
        switch (actionType.get()) {
            case "send_message" -> {
                a.put("text", text.get());
                if (!templateName.get().isBlank()) {
                    template(a.putObject("fallback_template"));
                }
            }
            case "send_template" -> template(a);
            case "update_contact" -> {
                if (!contactName.get().isBlank()) {
                    a.put("name", contactName.get());
                }
                if (!externalRef.get().isBlank()) {
                    a.put("external_ref", externalRef.get());
                }
                putPairs(a, "metadata", metadata.get(), "=");
                if (!optOut.get().isBlank()) {
                    a.put("opt_out", optOut.get());
                }
                if (!conversation.get().isBlank()) {
                    a.put("conversation", conversation.get());
                }
                if (!reply.get().isBlank()) {
                    a.put("reply", reply.get());
                }
            }
            default -> {
                a.put("method", method.get());
                a.put("url", url.get());
                putPairs(a, "headers", headers.get(), ":");
                putPairs(a, "secret_headers", secretHeaders.get(), ":");
                if (!body.get().isBlank()) {
                    try {
                        a.set("body", JSON.readTree(body.get()));
                    } catch (Exception e) {
                        a.put("body", body.get()); // a plain-text body
                    }
                }
                if (allowPrivateNetwork.get()) {
                    a.put("allow_private_network", true);
                }
            }
        }
        return a;
    }

    private void template(ObjectNode t) {
        t.put("name", templateName.get().strip());
        t.put("language", templateLanguage.get().strip());
        ArrayNode params = t.putArray("body_params");
        for (String p : templateParams.get().split("\\n|,")) {
            if (!p.isBlank()) {
                params.add(p.strip());
            }
        }
    }

    private void switchMode(boolean raw) {
        if (raw) {
            try {
                rawJson.set(formDraft().toJson().toPrettyString());
                message.set("");
            } catch (RuntimeException e) {
                rawJson.set("");
                message.set(e.getMessage());
            }
        } else {
            try {
                fill(AutomationDraft.fromJson(rawJson.get()));
                message.set("");
            } catch (RuntimeException e) {
                message.set(e.getMessage() + " — fix the JSON, or its changes are lost when you leave it");
            }
        }
    }

    /** Save: validated by the same rules as `automation create`; the first broken rule is shown with its field. */
    public void save() {
        AutomationDraft d;
        try {
            d = draft();
        } catch (RuntimeException e) {
            message.set(e.getMessage());
            return;
        }
        UUID id = editing;
        busy.set(true);
        io.execute(() -> {
            try {
                AutomationView v = id == null ? service.create(tenantId, d) : service.update(tenantId, id, d);
                ui.execute(() -> {
                    busy.set(false);
                    editing = v.id();
                    message.set("Saved.");
                    saved.set(v);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    busy.set(false);
                    message.set(e.getMessage());
                });
            }
        });
    }

    /** Test: a dry run against the sample text from the sample phone (or the newest contact): nothing is stored or sent. */
    public void test() {
        AutomationDraft d;
        try {
            d = draft();
        } catch (RuntimeException e) {
            testResult.set(e.getMessage());
            return;
        }
        String sample = sampleText.get();
        String phone = samplePhone.get().isBlank() ? null : samplePhone.get();
        busy.set(true);
        io.execute(() -> {
            String shown;
            try {
                DryRun r = service.dryRun(tenantId, d, null, sample, phone);
                shown = (r.matched() ? "Trigger: matches.\n" : "Trigger: does not match (" + String.join("; ", r.unmet()) + ").\n")
                        + (r.matched() ? "Action: " + r.outcome() + "\n" : "") + "Variables: " + r.variablesJson()
                        + "\n(Dry run: nothing was stored or sent.)";
            } catch (RuntimeException e) {
                shown = e.getMessage();
            }
            String text = shown;
            ui.execute(() -> {
                busy.set(false);
                testResult.set(text);
            });
        });
    }

    private static String list(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isArray()) {
            return n.asText();
        }
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return String.join(", ", out);
    }

    private static String pairs(JsonNode n, String separator) {
        if (n == null || !n.isObject()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        n.fields().forEachRemaining(e -> out.add(e.getKey() + separator + (e.getValue().isNull() ? "" : e.getValue().asText())));
        return String.join("\n", out);
    }

    private static void putList(ObjectNode o, String key, String text) {
        List<String> items = Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (items.size() == 1) {
            o.put(key, items.get(0));
        } else if (!items.isEmpty()) {
            ArrayNode a = o.putArray(key);
            items.forEach(a::add);
        }
    }

    private static void putPairs(ObjectNode o, String key, String text, String separator) {
        ObjectNode m = JSON.createObjectNode();
        for (String line : text.split("\\n")) {
            int at = line.indexOf(separator.strip());
            if (at > 0) {
                String value = line.substring(at + 1).strip();
                if (value.isEmpty() && key.equals("metadata")) {
                    m.putNull(line.substring(0, at).strip());
                } else {
                    m.put(line.substring(0, at).strip(), value);
                }
            }
        }
        if (!m.isEmpty()) {
            o.set(key, m);
        }
    }
}
