package io.switchboard.channel.sandbox;

/** How many parameters an approved template's header and body take. */
record TemplateShape(int headerParams, int bodyParams) {
}
