package io.switchboard.app;

import io.switchboard.backup.BackupService;
import io.switchboard.backup.DailyBackups;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.ConnectionCheck;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.config.SecretBox;
import io.switchboard.config.Settings;
import io.switchboard.contact.ContactService;
import io.switchboard.conversation.ConversationService;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboxService;
import io.switchboard.live.Change;
import io.switchboard.live.ChangeListener;
import io.switchboard.stats.StatsService;
import io.switchboard.template.TemplateService;
import io.switchboard.tenant.TenantChannels;
import io.switchboard.tenant.TenantService;
import java.util.List;
import java.util.Optional;

/**
 * The process's services, wired once the database is up: this class only builds and closes them.
 * The window's composition root hands each view model the few it uses.
 */
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
    private WhatsAppAccountService whatsAppAccounts;
    private io.switchboard.media.MediaService media;
    private Settings settings;
    /** Whether this session is a team agent's (row-level security applies); asked once, off the FX thread. */
    private Boolean teamAgent;

    /** Where the dashboard, searches and exports read: a replica (DB_READ_HOST) while it keeps up, else the primary. */
    private final io.switchboard.db.ReadRouting reads;

    public Services(DatabaseStartup.Running running) {
        this(running, io.switchboard.db.ReadRouting.primaryOnly(running.database()));
    }

    private Services(DatabaseStartup.Running running, io.switchboard.db.ReadRouting reads) {
        this.running = running;
        this.reads = reads;
        this.tenants = new TenantService(running.database());
        this.stats = new StatsService(running.database(), reads);
        this.conversations = new ConversationService(running.database(), reads);
        this.contacts = new ContactService(running.database(), reads);
        this.templates = new TemplateService(running.database());
        this.outbox = new OutboxService(running.database());
        this.channels = new TenantChannels(running.database());
    }

    /** Starts the database the settings describe; slow on a first run (initdb), so never on the FX thread. */
    public static Services start(Settings settings) {
        DatabaseStartup.Running running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 16);
        Services services;
        try {
            services = new Services(running, io.switchboard.db.ReadReplica.routing(settings, running.database(), 4));
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
        services.settings = settings;
        try {
            services.secrets = SecretBox.fromSettings(settings);
            // Team mode: an agent's desktop only reads and writes rows; sending, polling and syncing (which need
            // the WhatsApp secrets) run in `serve` under the service role.
            services.workers = services.teamAgent() ? null : Workers.desktop(services.running.database(), settings);
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

    /** Media of the threads: files, their state, the storage total; the folder store when the settings name one. */
    public synchronized io.switchboard.media.MediaService media() {
        if (media == null) {
            io.switchboard.media.MediaLibrary library = settings == null ? new io.switchboard.media.MediaLibrary(running.database())
                    : io.switchboard.media.MediaLibrary.fromSettings(running.database(), settings);
            media = new io.switchboard.media.MediaService(running.database(), library, outbox);
        }
        return media;
    }

    public OutboxService outbox() {
        return outbox;
    }

    /** Campaigns: created, moved and counted on the primary (a funnel must see the statuses just written). */
    public io.switchboard.campaign.Campaigns campaigns() {
        return io.switchboard.campaign.Campaigns.of(running.database(), reads);
    }

    public TenantChannels channels() {
        return channels;
    }

    /** For tests: the services with a key for channel secrets (Services.start reads it from the settings). */
    public Services withSecrets(SecretBox key) {
        this.secrets = key;
        return this;
    }

    /** True when this session signed in as a team agent (any role): limited by row-level security, no secrets. */
    public synchronized boolean teamAgent() {
        if (teamAgent == null) {
            teamAgent = io.switchboard.agent.TeamSession.isAgent(running.database());
        }
        return teamAgent;
    }

    /** Connected WhatsApp numbers without their secrets: what a team agent may see; needs no key. */
    public io.switchboard.channel.whatsapp.ConnectedNumbers connectedNumbers() {
        return new io.switchboard.channel.whatsapp.ConnectedNumbers(running.database());
    }

    /** Connected WhatsApp numbers; needs the secrets key. */
    public synchronized WhatsAppAccountService whatsAppAccounts() {
        if (secrets == null) {
            throw new IllegalStateException("no key for channel secrets in this process");
        }
        if (whatsAppAccounts == null) {
            whatsAppAccounts = new WhatsAppAccountService(running.database(), secrets);
        }
        return whatsAppAccounts;
    }

    /** Automations, their run log and dry runs (Automations window); needs the secrets key (http_request's secret headers). */
    public io.switchboard.automation.AutomationService automations() {
        if (secrets == null) {
            throw new IllegalStateException("no key for channel secrets in this process");
        }
        return new io.switchboard.automation.AutomationService(running.database(), secrets);
    }

    /** "Test connection" for the WhatsApp dialog; needs the secrets key (stored tokens are used when none is typed). */
    public ConnectionCheck connectionCheck() {
        return new ConnectionCheck(whatsAppAccounts(), new CloudApiClient());
    }

    /** Template sync with Meta for the Templates screen's Sync button; needs the secrets key. */
    public io.switchboard.template.TemplateSync templateSync() {
        return new io.switchboard.template.TemplateSync(running.database(), whatsAppAccounts(), new CloudApiClient());
    }

    /** Template submission and deletion at Meta for the template editor; needs the secrets key. */
    public io.switchboard.template.TemplateSubmission templateSubmission() {
        return new io.switchboard.template.TemplateSubmission(running.database(), whatsAppAccounts(), new CloudApiClient());
    }

    /** "Reconcile with Meta" for the Stats window: Meta's analytics next to our counts, read where the dashboard reads; needs the secrets key. */
    public io.switchboard.stats.MetaReconciliation reconciliation() {
        return new io.switchboard.stats.MetaReconciliation(reads, whatsAppAccounts(),
                new io.switchboard.stats.MetaAnalytics(new CloudApiClient(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30))),
                java.time.Clock.systemUTC());
    }

    /** The "By template" side of "Reconcile with Meta": Meta's template_analytics next to our counts; needs the secrets key. */
    public io.switchboard.stats.TemplateReconciliation templateReconciliation() {
        return new io.switchboard.stats.TemplateReconciliation(reads, whatsAppAccounts(),
                new io.switchboard.stats.MetaTemplateAnalytics(new CloudApiClient(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30))),
                java.time.Clock.systemUTC());
    }

    /**
     * Starts hearing database change notifications on a connection of its own; close it to stop. When it is back
     * after a loss, the pool's old connections are dropped before the listener's owner reloads through the pool.
     */
    public ChangeListener listenForChanges(ChangeListener.Events events) {
        Database database = running.database();
        return new ChangeListener(database.target(), new ChangeListener.Events() {
            @Override
            public void changed(List<Change> changes) {
                events.changed(changes);
            }

            @Override
            public void connection(boolean connected, boolean afterLoss, String detail) {
                if (connected && afterLoss) {
                    database.dropPooledConnections();
                }
                events.connection(connected, afterLoss, detail);
            }
        }).start();
    }

    /** The audit log as this session may see it (admins: their tenants). */
    public io.switchboard.audit.AuditLog auditLog() {
        return new io.switchboard.audit.AuditLog(running.database());
    }

    /** The team inbox: agents and who this session is, assignment, notes, labels, canned replies, presence. */
    public io.switchboard.team.TeamServices team() {
        return new io.switchboard.team.TeamServices(running.database(), System.getProperty("user.name"));
    }

    /** Backup and restore of this database ("Back up…", "Restore…"). */
    public BackupService backups() {
        return new BackupService(running.database());
    }

    /** The solo daily backups, when this window runs the embedded database. */
    public Optional<DailyBackups> dailyBackups() {
        return workers == null ? Optional.empty() : workers.dailyBackups();
    }

    /** What the status bar says about the read replica (how far behind, or why it is left aside); empty without one or when all is well. */
    public java.util.Optional<String> readReplicaNote() {
        return reads.status().note();
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
        reads.close();
        running.close();
    }
}
