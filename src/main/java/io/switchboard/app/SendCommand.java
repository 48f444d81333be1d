package io.switchboard.app;

import io.switchboard.config.Settings;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.delivery.QueuedMessage;
import io.switchboard.delivery.TemplatePreview;
import io.switchboard.tenant.TenantService;
import io.switchboard.tenant.TenantView;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code send}: queues one message through the outbox and prints its id. A running {@code serve} (or
 * desktop app) sends it; its statuses then come back through the webhooks.
 */
final class SendCommand {
    static final String TEXT_USAGE = "send --tenant ID --to PHONE --text TEXT";
    static final String TEMPLATE_USAGE = "send --tenant ID --to PHONE --template NAME --language CODE [--param VALUE]...";

    private SendCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse("send", args, Set.of("tenant", "to", "text", "template", "language", "param"));
        UUID tenant = a.uuid("tenant");
        String to = a.required("to");
        Optional<String> text = a.optional("text");
        Optional<String> template = a.optional("template");
        if (text.isPresent() == template.isPresent()) {
            throw new UsageException("send: give either --text or --template (see --help)");
        }
        if (text.isPresent() && (a.optional("language").isPresent() || !a.all("param").isEmpty())) {
            throw new UsageException("send: --language and --param belong to --template messages");
        }
        try (var running = DatabaseStartup.start(settings, DatabaseStartup.Mode.APPLY_PER_SETTINGS, 2)) {
            Database db = running.database();
            TenantView sender = new TenantService(db).get(tenant);
            OutboxService outbox = new OutboxService(db);
            outbox.requireCanSend(tenant);
            // The number is read here as the outbox will read it, so that guessing a country is said, not silent.
            PhoneNumbers.Typed number = PhoneNumbers.fromInput(to, "to", sender.defaultCountry());
            if (number.byDefaultCountry()) {
                err.println("switchboard: read \"" + to.strip() + "\" as a number in " + sender.defaultCountry() + " (the tenant's default country): "
                        + number.e164());
            }
            OutboundContent content;
            if (text.isPresent()) {
                content = OutboundContent.text(text.get());
            } else {
                String language = a.required("language");
                List<String> params = a.all("param");
                String preview = TemplatePreview.render(db, tenant, template.get(), language, params);
                content = OutboundContent.template(template.get(), language, List.of(), params, preview);
            }
            QueuedMessage queued = outbox.queueTo(tenant, number.e164(), content);
            out.println(queued.messageId());
        }
        return Main.OK;
    }
}
