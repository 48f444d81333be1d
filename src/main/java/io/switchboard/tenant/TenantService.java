package io.switchboard.tenant;

import io.switchboard.common.ValidationException;
import io.switchboard.db.Database;
import java.util.List;
import java.util.UUID;

public final class TenantService {
    static final int NAME_MAX = 150;
    private final Database database;

    public TenantService(Database database) {
        this.database = database;
    }

    public TenantView create(String name) {
        String valid = validName(name);
        return database.inWriteTransaction(session -> {
            Tenant tenant = new Tenant(valid);
            session.persist(tenant);
            session.flush();
            session.refresh(tenant);
            return TenantView.of(tenant);
        });
    }

    /** All tenants, active first, then by name. */
    public List<TenantView> list() {
        return database.inTransaction(session -> session
                .createSelectionQuery("from Tenant t order by t.status, lower(t.name), t.id", Tenant.class)
                .getResultList().stream().map(TenantView::of).toList());
    }

    public TenantView rename(UUID id, String name) {
        String valid = validName(name);
        return database.inWriteTransaction(session -> {
            Tenant tenant = find(session, id);
            tenant.setName(valid);
            return TenantView.of(tenant);
        });
    }

    public TenantView setStatus(UUID id, TenantStatus status) {
        return database.inWriteTransaction(session -> {
            Tenant tenant = find(session, id);
            tenant.setStatus(status);
            return TenantView.of(tenant);
        });
    }

    public TenantView get(UUID id) {
        return database.inTransaction(session -> TenantView.of(find(session, id)));
    }

    private static Tenant find(org.hibernate.Session session, UUID id) {
        Tenant tenant = session.find(Tenant.class, id);
        if (tenant == null) {
            throw new ValidationException("tenant", "no tenant has id " + id);
        }
        return tenant;
    }

    static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new ValidationException("name", "must not be empty");
        }
        if (trimmed.length() > NAME_MAX) {
            throw new ValidationException("name", "must be at most " + NAME_MAX + " characters (it has " + trimmed.length() + ")");
        }
        return trimmed;
    }
}
