package io.switchboard.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.channel.Channel;
import io.switchboard.common.Clock;
import io.switchboard.common.ValidationException;
import io.switchboard.config.SecretBox;
import io.switchboard.contact.ContactRows;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.contact.TenantCountry;
import io.switchboard.conversation.ConversationRows;
import io.switchboard.db.Database;
import io.switchboard.template.TemplateRow;
import io.switchboard.template.TemplateService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Automations of a tenant: saved only when their configs pass {@link AutomationRules}; their run log; runs started
 * by hand, by the API or as a retry; and the dry run. Returns plain records.
 */
public final class AutomationService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database database;
    private final SecretBox secrets;
    private final TemplateService templates;
    private final AutomationEngine engine;

    public AutomationService(Database database, SecretBox secrets) {
        this.database = database;
        this.secrets = secrets;
        this.templates = new TemplateService(database);
        this.engine = new AutomationEngine(database, secrets, Duration.ofSeconds(1));
    }

    /** The rules with this tenant's templates as the reference for send_template and fallbacks. */
    public AutomationRules rules(UUID tenantId) {
        return new AutomationRules((name, language) -> {
            Optional<TemplateRow> row = templates.find(tenantId, name, language);
            if (row.isEmpty()) {
                return "this tenant has no template " + name + " (" + language + "); sync templates or check the name and language";
            }
            if (!"approved".equals(row.get().status()) || row.get().deletedAtMeta()) {
                return name + " (" + language + ") cannot be sent: " + row.get().unusableReason();
            }
            return null;
        });
    }

    public AutomationView create(UUID tenantId, AutomationDraft draft) {
        rules(tenantId).check(draft);
        return database.inJdbcTransaction(c -> {
            ObjectNode action = sealSecrets(draft.actionConfig(), null);
            UUID id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO automations (tenant_id, name, description, trigger_type, trigger_config, action_type, action_config, status,
                                             execution_count, success_count, failure_count, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, 0, 0, 0, NOW(), NOW()) RETURNING id""")) {
                ps.setObject(1, tenantId);
                ps.setString(2, draft.name());
                ps.setString(3, draft.description());
                ps.setString(4, draft.triggerType().code());
                ps.setString(5, draft.triggerConfig().toString());
                ps.setString(6, draft.actionType().code());
                ps.setString(7, action.toString());
                ps.setString(8, draft.status().code());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getObject(1, UUID.class);
                }
            } catch (SQLException e) {
                if ("23503".equals(e.getSQLState())) {
                    throw new ValidationException("tenant", "no tenant has id " + tenantId);
                }
                throw e;
            }
            return view(c, tenantId, id).orElseThrow();
        });
    }

    /** Replaces an automation's fields; a secret header shown masked and left unchanged keeps its stored value. */
    public AutomationView update(UUID tenantId, UUID id, AutomationDraft draft) {
        rules(tenantId).check(draft);
        return database.inJdbcTransaction(c -> {
            ObjectNode old = storedActionConfig(c, tenantId, id);
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE automations SET name = ?, description = ?, trigger_type = ?, trigger_config = ?::jsonb, action_type = ?,
                           action_config = ?::jsonb, status = ?, status_reason = NULL,
                           schedule_fired_at = CASE WHEN trigger_config IS DISTINCT FROM ?::jsonb THEN NULL ELSE schedule_fired_at END,
                           updated_at = NOW()
                    WHERE tenant_id = ? AND id = ?""")) {
                ps.setString(1, draft.name());
                ps.setString(2, draft.description());
                ps.setString(3, draft.triggerType().code());
                ps.setString(4, draft.triggerConfig().toString());
                ps.setString(5, draft.actionType().code());
                ps.setString(6, sealSecrets(draft.actionConfig(), old).toString());
                ps.setString(7, draft.status().code());
                ps.setString(8, draft.triggerConfig().toString());
                ps.setObject(9, tenantId);
                ps.setObject(10, id);
                ps.executeUpdate();
            }
            if (draft.triggerType() == TriggerType.SCHEDULE) {
                // a changed schedule starts counting from now: saving never fires a slot that passed before it
                try (PreparedStatement ps = c.prepareStatement("UPDATE automations SET schedule_fired_at = COALESCE(schedule_fired_at, NOW()) WHERE id = ?")) {
                    ps.setObject(1, id);
                    ps.executeUpdate();
                }
            }
            return view(c, tenantId, id).orElseThrow();
        });
    }

    public AutomationView setStatus(UUID tenantId, UUID id, AutomationStatus status) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE automations SET status = ?, status_reason = NULL, updated_at = NOW() WHERE tenant_id = ? AND id = ?""")) {
                ps.setString(1, status.code());
                ps.setObject(2, tenantId);
                ps.setObject(3, id);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("automation", "no automation " + id + " in this tenant");
                }
            }
            return view(c, tenantId, id).orElseThrow();
        });
    }

    public void delete(UUID tenantId, UUID id) {
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM automations WHERE tenant_id = ? AND id = ?")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, id);
                return ps.executeUpdate();
            }
        });
    }

    public List<AutomationView> list(UUID tenantId) {
        return database.inJdbcTransaction(c -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM automations WHERE tenant_id = ? ORDER BY lower(name), id")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<AutomationView> out = new ArrayList<>();
            for (UUID id : ids) {
                view(c, tenantId, id).ifPresent(out::add);
            }
            return out;
        });
    }

    public Optional<AutomationView> get(UUID tenantId, UUID id) {
        return database.inJdbcTransaction(c -> view(c, tenantId, id));
    }

    /** The automation's tenant, for commands that are given only its id. */
    public UUID tenantOf(UUID id) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM automations WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("automation", "no automation has id " + id);
                    }
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    /** The tenant of a run, for `automation retry RUN_ID`. */
    public UUID tenantOfRun(UUID runId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id FROM automation_runs WHERE id = ?")) {
                ps.setObject(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("run", "no run has id " + runId);
                    }
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    private Optional<AutomationView> view(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.id, a.name, a.description, a.trigger_type, a.trigger_config::text, a.action_type, a.action_config::text, a.status,
                       a.status_reason, COALESCE(a.execution_count, 0), COALESCE(a.success_count, 0), COALESCE(a.failure_count, 0),
                       a.last_triggered_at, a.api_token_last4, r.status, COALESCE(r.finished_at, r.created_at)
                FROM automations a
                LEFT JOIN LATERAL (SELECT status, finished_at, created_at FROM automation_runs x
                                   WHERE x.tenant_id = a.tenant_id AND x.automation_id = a.id ORDER BY x.created_at DESC LIMIT 1) r ON TRUE
                WHERE a.tenant_id = ? AND a.id = ?""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new AutomationView(id, tenantId, rs.getString(2), rs.getString(3), TriggerType.fromCode(rs.getString(4)),
                        (ObjectNode) Runs.json(rs.getString(5)), ActionType.fromCode(rs.getString(6)), maskSecrets((ObjectNode) Runs.json(rs.getString(7))),
                        AutomationStatus.fromCode(rs.getString(8)), rs.getString(9), rs.getInt(10), rs.getInt(11), rs.getInt(12),
                        Clock.toInstant(rs.getObject(13, LocalDateTime.class)), rs.getString(14), rs.getString(15),
                        Clock.toInstant(rs.getObject(16, LocalDateTime.class))));
            }
        }
    }

    private static ObjectNode storedActionConfig(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT action_config::text FROM automations WHERE tenant_id = ? AND id = ? FOR UPDATE")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("automation", "no automation " + id + " in this tenant");
                }
                return (ObjectNode) Runs.json(rs.getString(1));
            }
        }
    }

    /** secret_headers values are stored as SecretBox ciphertext; one given as its mask keeps the stored value. */
    private ObjectNode sealSecrets(ObjectNode action, ObjectNode stored) {
        ObjectNode copy = action.deepCopy();
        JsonNode given = copy.get("secret_headers");
        if (given == null || !given.isObject()) {
            return copy;
        }
        ObjectNode sealed = copy.putObject("secret_headers");
        JsonNode old = stored == null ? null : stored.get("secret_headers");
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().asText();
            if (old != null && old.hasNonNull(e.getKey()) && SecretBox.mask(secrets.decrypt(old.get(e.getKey()).asText())).equals(value)) {
                sealed.put(e.getKey(), old.get(e.getKey()).asText());
            } else {
                sealed.put(e.getKey(), secrets.encrypt(value));
            }
        }
        return copy;
    }

    private ObjectNode maskSecrets(ObjectNode action) {
        JsonNode s = action.get("secret_headers");
        if (s != null && s.isObject()) {
            ObjectNode masked = action.putObject("secret_headers");
            s.fields().forEachRemaining(e -> masked.put(e.getKey(), secrets == null ? "••••••••" : SecretBox.mask(secrets.decrypt(e.getValue().asText()))));
        }
        return action;
    }

    // ---- the run log ----

    /** The newest runs first, optionally of one automation and one status (succeeded, failed, skipped, pending, running). */
    public List<RunView> runs(UUID tenantId, UUID automationId, String status, int limit) {
        if (status != null && !List.of("pending", "running", "succeeded", "failed", "skipped").contains(status)) {
            throw new ValidationException("status", "must be pending, running, succeeded, failed or skipped, not \"" + status + "\"");
        }
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT r.id, r.automation_id, a.name, r.trigger_type, r.trigger_key, ct.phone, r.status, r.result, r.error, r.response_code,
                           r.duration_ms, r.variables::text, r.created_at, r.finished_at, r.retry_of
                    FROM automation_runs r JOIN automations a ON a.id = r.automation_id
                    LEFT JOIN contacts ct ON ct.id = r.contact_id
                    WHERE r.tenant_id = ? AND (?::uuid IS NULL OR r.automation_id = ?) AND (?::text IS NULL OR r.status = ?)
                    ORDER BY r.created_at DESC, r.id DESC LIMIT ?""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, automationId);
                ps.setObject(3, automationId);
                ps.setString(4, status);
                ps.setString(5, status);
                ps.setInt(6, limit);
                List<RunView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                                (Integer) rs.getObject(10), (Integer) rs.getObject(11), rs.getString(12),
                                Clock.toInstant(rs.getObject(13, LocalDateTime.class)), Clock.toInstant(rs.getObject(14, LocalDateTime.class)),
                                rs.getObject(15, UUID.class)));
                    }
                }
                return out;
            }
        });
    }

    /** A failed run again, as a new run with the same contact and variables (the failed one stays in the log). */
    public UUID retry(UUID tenantId, UUID runId) {
        return database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT automation_id, contact_id, conversation_id, message_id, variables::text, status,
                           (SELECT COUNT(*) FROM automation_runs x WHERE x.retry_of = r.id)
                    FROM automation_runs r WHERE tenant_id = ? AND id = ?""")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ValidationException("run", "no run " + runId + " in this tenant");
                    }
                    if (!"failed".equals(rs.getString(6))) {
                        throw new ValidationException("run", "only a failed run can be retried; this one is " + rs.getString(6));
                    }
                    return Runs.create(c, new Runs.NewRun(tenantId, rs.getObject(1, UUID.class), "retry", "retry:" + runId + ":" + (rs.getLong(7) + 1),
                            rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                            new Variables((ObjectNode) Runs.json(rs.getString(5))), runId)).orElseThrow();
                }
            }
        });
    }

    /**
     * Runs an automation for contacts given by phone (created if new), with {{trigger.KEY}} variables: the window's
     * manual run and `automation run`. One run per contact; returns their ids.
     */
    public List<UUID> runFor(UUID tenantId, UUID automationId, List<String> phones, Map<String, String> vars) {
        return database.inJdbcTransaction(c -> {
            requireActive(c, tenantId, automationId);
            String country = TenantCountry.of(c, tenantId);
            List<UUID> contacts = new ArrayList<>();
            for (String phone : phones) {
                contacts.add(ContactRows.upsert(c, tenantId, PhoneNumbers.fromInput(phone, "contact", country).e164(), null));
            }
            return manualRuns(c, tenantId, automationId, contacts, null, vars);
        });
    }

    /** The window's manual run on the open conversation or on contacts picked in a list. */
    public List<UUID> runForContacts(UUID tenantId, UUID automationId, List<UUID> contactIds, UUID conversationId, Map<String, String> vars) {
        return database.inJdbcTransaction(c -> {
            requireActive(c, tenantId, automationId);
            return manualRuns(c, tenantId, automationId, contactIds, conversationId, vars);
        });
    }

    private List<UUID> manualRuns(Connection c, UUID tenantId, UUID automationId, List<UUID> contacts, UUID conversationId, Map<String, String> vars)
            throws SQLException {
        UUID batch = UUID.randomUUID();
        List<UUID> runs = new ArrayList<>();
        if (contacts.isEmpty()) {
            Variables v = Variables.empty();
            vars.forEach(v.section("trigger")::put);
            Runs.create(c, new Runs.NewRun(tenantId, automationId, "manual", "manual:" + batch, null, null, null, v, null)).ifPresent(runs::add);
        }
        for (UUID contact : contacts) {
            Variables v = Variables.empty();
            Runs.loadContact(c, v, tenantId, contact);
            vars.forEach(v.section("trigger")::put);
            Runs.create(c, new Runs.NewRun(tenantId, automationId, "manual", "manual:" + batch + ":" + contact, contact,
                    contacts.size() == 1 ? conversationId : null, null, v, null)).ifPresent(runs::add);
        }
        return runs;
    }

    private static void requireActive(Connection c, UUID tenantId, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, status_reason FROM automations WHERE tenant_id = ? AND id = ?")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ValidationException("automation", "no automation " + id + " in this tenant");
                }
                if (!"active".equals(rs.getString(1))) {
                    throw new ValidationException("automation", "is " + rs.getString(1) + (rs.getString(2) == null ? "" : " (" + rs.getString(2) + ")")
                            + "; make it active to run it");
                }
            }
        }
    }

    /** Executes a run now in this process (unless a worker already took it): `automation run` shows the outcome. */
    public Optional<AutomationEngine.Executed> execute(UUID runId) {
        return engine.executeNext(runId);
    }

    // ---- the API trigger ----

    /** A new bearer token for the automation's API trigger; only its hash is kept, so this is the one time it is shown. */
    public String issueApiToken(UUID tenantId, UUID id) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "sba_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        database.inJdbcTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE automations SET api_token_hash = ?, api_token_last4 = ?, updated_at = NOW() WHERE tenant_id = ? AND id = ?""")) {
                ps.setString(1, sha256(token));
                ps.setString(2, token.substring(token.length() - 4));
                ps.setObject(3, tenantId);
                ps.setObject(4, id);
                if (ps.executeUpdate() == 0) {
                    throw new ValidationException("automation", "no automation " + id + " in this tenant");
                }
            }
            return null;
        });
        return token;
    }

    /** Refused API call: 401 (no or wrong token), 404 (no such automation), 409 (not an active API automation), 400 (bad body). */
    public static final class ApiRefusal extends RuntimeException {
        private final int status;

        public ApiRefusal(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * POST /api/automations/{id}/run: checks the bearer token against the stored hash (constant time), then queues one
     * run for the contact with {{trigger.KEY}} variables. The same Idempotency-Key returns the same run.
     */
    public UUID runFromApi(UUID automationId, String bearerToken, String phone, Map<String, String> vars, String idempotencyKey) {
        return database.inJdbcTransaction(c -> {
            UUID tenantId;
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant_id, api_token_hash, trigger_type, status FROM automations WHERE id = ?")) {
                ps.setObject(1, automationId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new ApiRefusal(404, "no such automation");
                    }
                    String hash = rs.getString(2);
                    boolean ok = hash != null && bearerToken != null
                            && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), sha256(bearerToken).getBytes(StandardCharsets.US_ASCII));
                    if (!ok) {
                        throw new ApiRefusal(401, "missing or wrong bearer token");
                    }
                    if (!"api".equals(rs.getString(3)) || !"active".equals(rs.getString(4))) {
                        throw new ApiRefusal(409, "the automation is not an active API automation");
                    }
                    tenantId = rs.getObject(1, UUID.class);
                }
            }
            if (phone == null || phone.isBlank()) {
                throw new ApiRefusal(400, "phone: is required");
            }
            UUID contact;
            try {
                contact = ContactRows.upsert(c, tenantId, PhoneNumbers.fromInput(phone, "phone", TenantCountry.of(c, tenantId)).e164(), null);
            } catch (ValidationException e) {
                throw new ApiRefusal(400, e.getMessage());
            }
            Variables v = Variables.empty();
            Runs.loadContact(c, v, tenantId, contact);
            vars.forEach(v.section("trigger")::put);
            String key = "api:" + (idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey.strip());
            Optional<UUID> created = Runs.create(c, new Runs.NewRun(tenantId, automationId, "api", key, contact, null, null, v, null));
            if (created.isPresent()) {
                return created.get();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM automation_runs WHERE automation_id = ? AND trigger_key = ?")) {
                ps.setObject(1, automationId);
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the dry run ----

    /**
     * Test: evaluates {@code draft} against a real message ({@code messageId}) or a sample text from the contact
     * {@code phone} (the tenant's newest contact when null), and performs the action in a transaction that is rolled
     * back — nothing is stored, queued or sent; an HTTP request is described and its address checked, not sent.
     */
    public DryRun dryRun(UUID tenantId, AutomationDraft draft, UUID messageId, String sampleText, String phone) {
        rules(tenantId).check(draft);
        ObjectNode action = sealSecrets(draft.actionConfig(), null);
        return database.inJdbcTransaction(c -> {
            try {
                TriggerEvent event = sampleEvent(c, tenantId, messageId, sampleText, phone);
                List<String> unmet = new ArrayList<>();
                Variables v;
                if (event != null) {
                    if (draft.triggerType() == TriggerType.WEBHOOK) {
                        unmet = Conditions.unmet(draft.triggerConfig(), event, BusinessHoursService.load(c, tenantId));
                    }
                    v = event.variables();
                } else {
                    v = Variables.empty();
                }
                if (!unmet.isEmpty()) {
                    return new DryRun(false, unmet, v.json().toPrettyString(), false, "The trigger would not fire: " + String.join("; ", unmet));
                }
                RunContext ctx = new RunContext(tenantId, null, null, event == null ? null : event.contactId(), event == null ? null : event.conversationId(),
                        v, action, action.path("allow_private_network").asBoolean(false));
                ActionOutcome outcome;
                if (draft.actionType() == ActionType.HTTP_REQUEST) {
                    HttpAction.Prepared p = engine.http().prepare(ctx);
                    String refused = HttpAction.refusal(p.uri(), ctx.allowPrivateNetwork());
                    outcome = refused == null ? ActionOutcome.ok("would send " + p.describe()) : ActionOutcome.failed("would be refused: " + refused);
                } else {
                    outcome = engine.perform(c, draft.actionType().code(), ctx);
                    // the ids of rows the rollback removes mean nothing to the reader
                    outcome = outcome.succeeded() ? ActionOutcome.ok("would have " + outcome.result().replaceAll(" (as )?message [0-9a-f-]{36}", " message"))
                            : outcome;
                }
                return new DryRun(true, List.of(), v.json().toPrettyString(), outcome.succeeded(),
                        outcome.succeeded() ? outcome.result() : "would fail: " + outcome.error());
            } finally {
                c.rollback(); // a dry run leaves nothing behind
            }
        });
    }

    private static TriggerEvent sampleEvent(Connection c, UUID tenantId, UUID messageId, String text, String phone) throws SQLException {
        if (messageId != null) {
            TriggerEvent e = TriggerEvent.load(c, TriggerEvent.RECEIVED, messageId, null)
                    .orElseThrow(() -> new ValidationException("message", "no message " + messageId));
            if (!e.tenantId().equals(tenantId)) {
                throw new ValidationException("message", "no message " + messageId + " in this tenant");
            }
            return e;
        }
        UUID contact;
        if (phone != null && !phone.isBlank()) {
            contact = ContactRows.upsert(c, tenantId, PhoneNumbers.fromInput(phone, "phone", TenantCountry.of(c, tenantId)).e164(), null);
        } else {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM contacts WHERE tenant_id = ? ORDER BY updated_at DESC NULLS LAST, id LIMIT 1")) {
                ps.setObject(1, tenantId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    contact = rs.getObject(1, UUID.class);
                }
            }
        }
        // the sample message is written as if it had just arrived (rolled back with the rest)
        UUID conversation = ConversationRows.findOrOpen(c, tenantId, contact, Channel.WHATSAPP, true);
        UUID message;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO messages (tenant_id, conversation_id, contact_id, channel, direction, type, content_type, content, status, created_at)
                VALUES (?, ?, ?, 'whatsapp', 'inbound', 'text', 'text', ?, 'delivered', NOW()) RETURNING id""")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, conversation);
            ps.setObject(3, contact);
            ps.setString(4, text == null ? "" : text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                message = rs.getObject(1, UUID.class);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE contacts SET last_inbound_at = NOW() WHERE id = ?")) {
            ps.setObject(1, contact);
            ps.executeUpdate();
        }
        return TriggerEvent.load(c, TriggerEvent.RECEIVED, message, null).orElseThrow();
    }
}
