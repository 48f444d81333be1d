package io.switchboard.app;

import io.switchboard.channel.whatsapp.AccountCredentials;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.common.ValidationException;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.contact.ContactService;
import io.switchboard.conversation.ConversationService;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboxService;
import io.switchboard.live.ChangeListener;
import io.switchboard.stats.StatsService;
import io.switchboard.template.TemplateService;
import io.switchboard.tenant.TenantChannels;
import io.switchboard.tenant.TenantService;

/** Everything the window uses, wired once the database is up. The UI sees services only. */
public final class Services implements AutoCloseable {
    private final DatabaseStartup.Running running;
    private final TenantService tenants;
    private final StatsService stats;
    private final ConversationService conversations;
    private final ContactService contacts;
    private final TemplateService templates;
    private final OutboxService outbox;
    private final TenantChannels channels;
    private Workers workers;
    private SecretBox secrets;

    public Services(DatabaseStartup.Running running) {
        this.running = running;
        this.tenants = new TenantService(running.database());
        this.stats = new StatsService(running.database());
        this.conversations = new ConversationService(running.database());
        this.contacts = new ContactService(running.database());
        this.templates = new TemplateService(running.database());
        this.outbox = new OutboxService(running.database());
        this.channels = new TenantChannels(running.database());
    }

    /** Starts the database the settings describe; slow on a first run (initdb), so never on the FX thread. */
    public static Services start(Settings settings) {
        Services services = new Services(DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 16));
        try {
            services.secrets = SecretBox.fromSettings(settings);
            services.workers = Workers.desktop(services.running.database(), settings);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    public TenantService tenants() {
        return tenants;
    }

    public StatsService stats() {
        return stats;
    }

    public ConversationService conversations() {
        return conversations;
    }

    public ContactService contacts() {
        return contacts;
    }

    public TemplateService templates() {
        return templates;
    }

    public OutboxService outbox() {
        return outbox;
    }

    public TenantChannels channels() {
        return channels;
    }

    /** For tests: the services with a key for channel secrets (Services.start reads it from the settings). */
    public Services withSecrets(SecretBox key) {
        this.secrets = key;
        return this;
    }

    /** Connected WhatsApp numbers; needs the secrets key. */
    public WhatsAppAccountService whatsAppAccounts() {
        if (secrets == null) {
            throw new IllegalStateException("no key for channel secrets in this process");
        }
        return new WhatsAppAccountService(running.database(), secrets);
    }

    /**
     * "Test connection": asks the Cloud API (or the sandbox) for the number's profile. Without a
     * token or base URL typed in, the tenant's stored ones for that number are used.
     */
    public CloudApiClient.PhoneNumberInfo testWhatsAppConnection(java.util.UUID tenantId, String phoneNumberId, String accessToken, String apiBaseUrl) {
        java.util.Optional<AccountCredentials> stored = whatsAppAccounts().credentials(phoneNumberId)
                .filter(c -> c.tenantId().equals(tenantId));
        String token = accessToken != null ? accessToken : stored.map(AccountCredentials::accessToken)
                .orElseThrow(() -> new ValidationException("access_token", "type it in: this number is not connected to this tenant yet"));
        String base = apiBaseUrl != null ? apiBaseUrl : stored.map(AccountCredentials::apiBaseUrl).orElse(WhatsAppAccountService.DEFAULT_API_BASE_URL);
        return new CloudApiClient().phoneNumberInfo(base, phoneNumberId, token);
    }

    /** Template sync with Meta for the Templates screen's Sync button; needs the secrets key. */
    public io.switchboard.template.TemplateSync templateSync() {
        return new io.switchboard.template.TemplateSync(running.database(), whatsAppAccounts(), new CloudApiClient());
    }

    /** Template submission and deletion at Meta for the template editor; needs the secrets key. */
    public io.switchboard.template.TemplateSubmission templateSubmission() {
        return new io.switchboard.template.TemplateSubmission(running.database(), whatsAppAccounts(), new CloudApiClient());
    }

    /** Starts hearing database change notifications on a connection of its own; close it to stop. */
    public ChangeListener listenForChanges(ChangeListener.Events events) {
        return new ChangeListener(running.database().target(), events).start();
    }

    /** "embedded PostgreSQL (port 5xxxx)" or "host:port/database" for the status bar. */
    public String connectionDescription() {
        return running.database().target().describe();
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
        running.close();
    }
}
