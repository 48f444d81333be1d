package io.switchboard.team;

import java.util.UUID;

/** A tenant's label: a name and a colour (#rrggbb). */
public record Label(UUID id, String name, String color) {
}
