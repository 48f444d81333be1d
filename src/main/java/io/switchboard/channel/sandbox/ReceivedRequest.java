package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** A request the sandbox received, as it arrived: for tests and for watching what the sender sends. */
public record ReceivedRequest(String method, String path, String authorization, JsonNode body, int answeredStatus) {
}
