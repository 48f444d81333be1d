package io.switchboard.contact;

/** The columns the contacts table sorts by, each served by an index that starts with tenant_id. */
public enum ContactSort {
    NAME("lower(COALESCE(c.name, ''))"), PHONE("c.phone"), CREATED("c.created_at"), UPDATED("c.updated_at");

    final String expression;

    ContactSort(String expression) {
        this.expression = expression;
    }
}
