package io.switchboard.contact;

import java.util.List;

/** One page of contacts; {@code next} is null at the end. */
public record ContactPage(List<ContactView> items, ContactCursor next) {
}
