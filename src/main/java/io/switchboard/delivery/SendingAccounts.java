package io.switchboard.delivery;

import java.util.Optional;
import java.util.UUID;

/** Where the sender finds a tenant's sending number; the account service implements the same question. */
public interface SendingAccounts {
    Optional<SendingAccount> forTenant(UUID tenantId);
}
