package io.switchboard.ui.tenants;

import io.switchboard.channel.whatsapp.ConnectedNumbers;
import io.switchboard.channel.whatsapp.ConnectionCheck;
import io.switchboard.channel.whatsapp.WhatsAppAccountService;
import io.switchboard.tenant.TenantView;
import io.switchboard.ui.common.InboxSession;
import java.util.function.Supplier;

/** Builds the WhatsApp dialog's model for a tenant, as this session may use it: the owner's, or a team agent's list. */
@FunctionalInterface
public interface WhatsAppDialogs {
    WhatsAppConnectionViewModel open(TenantView tenant, InboxSession session, Runnable onSaved);

    /** The owner (solo, or the service role): connect, test, list with masked secrets. The services need the secrets key, asked for on open. */
    static WhatsAppDialogs owner(Supplier<WhatsAppAccountService> accounts, Supplier<ConnectionCheck> check) {
        return (tenant, session, onSaved) -> new WhatsAppConnectionViewModel(accounts.get(), check.get(), session, tenant, onSaved);
    }

    /** A team agent of any role: the numbers without their secrets; no key is needed or made. */
    static WhatsAppDialogs listOnly(ConnectedNumbers numbers) {
        return (tenant, session, onSaved) -> WhatsAppConnectionViewModel.listOnly(numbers, session, tenant);
    }
}
