package io.switchboard.contact;

import java.util.Map;

/** What someone typed for a new or edited contact, before validation. */
public record ContactDraft(String name, String phone, String externalRef, Map<String, String> metadata) {
}
