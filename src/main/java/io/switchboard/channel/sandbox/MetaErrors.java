package io.switchboard.channel.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;

/** Meta's Graph API error body: {"error": {message, type, code, error_data: {messaging_product, details}, error_subcode, fbtrace_id}}. */
final class MetaErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MetaErrors() {
    }

    static ObjectNode error(String message, String type, int code, Integer subcode, String details) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (details != null) {
            ObjectNode data = error.putObject("error_data");
            data.put("messaging_product", "whatsapp");
            data.put("details", details);
        }
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        byte[] trace = new byte[9];
        RANDOM.nextBytes(trace);
        error.put("fbtrace_id", Base64.getUrlEncoder().withoutPadding().encodeToString(trace));
        return root;
    }

    /** A request Meta refuses for its content: "(#code) title" with the details saying what is wrong. */
    static ObjectNode invalid(int code, String title, String details) {
        return error("(#" + code + ") " + title, "OAuthException", code, null, details);
    }
}
