package io.switchboard.app;

import io.switchboard.config.Settings;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.db.Database;
import io.switchboard.db.DatabaseStartup;
import io.switchboard.delivery.OutboundContent;
import io.switchboard.delivery.OutboxService;
import io.switchboard.delivery.QueuedMessage;
import io.switchboard.common.ValidationException;
import io.switchboard.delivery.TemplateParameters;
import io.switchboard.template.TemplateService;
import io.switchboard.template.TemplateView;
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
    static final String TEMPLATE_USAGE = "send --tenant ID --to PHONE --template NAME --language CODE [--param VALUE]... [--header-param VALUE]"
            + " [--header-media LINK|MEDIA_ID] [--button-param VALUE]...";
    static final String FILE_USAGE = "send --tenant ID --to PHONE --file PATH [--caption TEXT]";
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern.compile("[a-z]{2,3}(_[A-Z]{2,3})?");

    private SendCommand() {
    }

    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) {
        Arguments a = Arguments.parse("send", args, Set.of("tenant", "to", "text", "template", "language", "param", "header-param",
                "header-media", "button-param", "file", "caption"));
        UUID tenant = a.uuid("tenant");
        String to = a.required("to");
        Optional<String> text = a.optional("text");
        Optional<String> template = a.optional("template");
        Optional<String> file = a.optional("file");
        if ((text.isPresent() ? 1 : 0) + (template.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0) != 1) {
            throw new UsageException("send: give either --text or --template or --file (see --help)");
        }
        if (a.optional("caption").isPresent() && file.isEmpty()) {
            throw new UsageException("send: --caption belongs to --file messages");
        }
        if (text.isPresent() && (a.optional("language").isPresent() || !a.all("param").isEmpty() || !a.all("header-param").isEmpty()
                || a.optional("header-media").isPresent() || !a.all("button-param").isEmpty())) {
            throw new UsageException("send: --language, --param, --header-param, --header-media and --button-param belong to --template messages");
        }
        if (file.isPresent()) {
            io.switchboard.media.MediaOutbox.checkFile(java.nio.file.Path.of(file.get()));
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
            if (file.isPresent()) {
                QueuedMessage queued = new io.switchboard.media.MediaOutbox(io.switchboard.media.MediaLibrary.fromSettings(db, settings), outbox)
                        .sendTo(tenant, number.e164(), java.nio.file.Path.of(file.get()), a.optional("caption").orElse(null));
                out.println(queued.messageId());
                return Main.OK;
            }
            OutboundContent content;
            if (text.isPresent()) {
                content = OutboundContent.text(text.get());
            } else {
                String language = a.required("language");
                if (!LANGUAGE.matcher(language).matches()) {
                    throw new ValidationException("language", "must be a language code such as en or en_US, not \"" + language + "\"");
                }
                // any approved template of the tenant, with every value it needs checked before anything is queued
                TemplateView view = new TemplateService(db).sendable(tenant, template.get(), language);
                List<TemplateParameters.ButtonParameter> buttons = new java.util.ArrayList<>();
                for (String value : a.all("button-param")) {
                    buttons.add(new TemplateParameters.ButtonParameter(buttons.size(), null, value));
                }
                content = TemplateService.content(view, new TemplateParameters(a.all("header-param"), a.all("param"),
                        a.optional("header-media").orElse(null), buttons));
            }
            QueuedMessage queued = outbox.queueTo(tenant, number.e164(), content);
            out.println(queued.messageId());
        }
        return Main.OK;
    }
}
