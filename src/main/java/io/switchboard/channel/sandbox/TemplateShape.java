package io.switchboard.channel.sandbox;

import java.util.Map;

/**
 * How many parameters an approved template's header and body take; {@code headerMedia} is image, video or
 * document for a media header (null otherwise) and {@code parameterButtons} the index and sub_type of each
 * button that takes a parameter (null: not checked, for templates registered by counts only).
 */
record TemplateShape(int headerParams, int bodyParams, String headerMedia, Map<Integer, String> parameterButtons) {
    TemplateShape(int headerParams, int bodyParams) {
        this(headerParams, bodyParams, null, null);
    }
}
