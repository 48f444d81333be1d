package io.switchboard.tenant;

/**
 * What to change about a tenant. {@code name} null: keep it. {@code defaultCountry} null: keep it;
 * blank: remove it; else an ISO 3166-1 alpha-2 code. {@code allowDuplicate}: accept a name another
 * tenant already has.
 */
public record TenantUpdate(String name, String defaultCountry, boolean allowDuplicate) {
}
