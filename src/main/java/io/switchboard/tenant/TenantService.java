package io.switchboard.tenant;

import io.switchboard.common.Names;
import io.switchboard.common.ValidationException;
import io.switchboard.contact.PhoneNumbers;
import io.switchboard.db.Database;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

public final class TenantService {
    static final int NAME_MAX = 150;
    /** Serialises the duplicate-name check of concurrent creates and renames (a transaction-scoped advisory lock). */
    private static final long NAME_LOCK = 0x5357_5445_4e41_4d45L;
    private final Database database;

    public TenantService(Database database) {
        this.database = database;
    }

    /** A new tenant; refused when another tenant already has this name (ignoring case). */
    public TenantView create(String name) {
        return create(name, null, false);
    }

    /**
     * A new tenant with its default country (null: none). A name another tenant already has, ignoring
     * case, is refused unless {@code allowDuplicate}: two "Acme"s in a list are a mistake far more often
     * than a wish.
     */
    public TenantView create(String name, String defaultCountry, boolean allowDuplicate) {
        String valid = validName(name);
        String country = PhoneNumbers.region("default_country", defaultCountry);
        return database.inWriteTransaction(session -> {
            if (!allowDuplicate) {
                refuseDuplicate(session, valid, null);
            }
            Tenant tenant = new Tenant(valid);
            tenant.setDefaultCountry(country);
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

    /** Renames; refused when another tenant already has this name (ignoring case). */
    public TenantView rename(UUID id, String name) {
        return update(id, new TenantUpdate(name, null, false));
    }

    /** Changes what {@code change} names, all or nothing. */
    public TenantView update(UUID id, TenantUpdate change) {
        String name = change.name() == null ? null : validName(change.name());
        String country = change.defaultCountry() == null ? null : PhoneNumbers.region("default_country", change.defaultCountry());
        return database.inWriteTransaction(session -> {
            Tenant tenant = find(session, id);
            if (name != null) {
                if (!change.allowDuplicate()) {
                    refuseDuplicate(session, name, id);
                }
                tenant.setName(name);
            }
            if (change.defaultCountry() != null) {
                tenant.setDefaultCountry(country);
            }
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

    private static Tenant find(Session session, UUID id) {
        Tenant tenant = session.find(Tenant.class, id);
        if (tenant == null) {
            throw new ValidationException("tenant", "no tenant has id " + id);
        }
        return tenant;
    }

    private static void refuseDuplicate(Session session, String name, UUID except) {
        session.createNativeQuery("SELECT pg_advisory_xact_lock(:k)", Object.class).setParameter("k", NAME_LOCK).getSingleResult();
        List<Tenant> same = session.createSelectionQuery("from Tenant t where lower(t.name) = lower(:n)", Tenant.class)
                .setParameter("n", name).getResultList();
        for (Tenant t : same) {
            if (!t.getId().equals(except)) {
                throw new ValidationException("name", "a tenant named \"" + t.getName() + "\" already exists (" + t.getId()
                        + "); choose another name, or allow the duplicate (--allow-duplicate)");
            }
        }
    }

    static String validName(String name) {
        return Names.required("name", name, NAME_MAX);
    }
}
