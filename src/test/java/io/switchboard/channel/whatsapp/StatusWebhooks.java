package io.switchboard.channel.whatsapp;

/** Status webhook bodies in Meta's documented shape, for tests that need many of them. */
final class StatusWebhooks {
    private StatusWebhooks() {
    }

    static String status(String wamid, String status, long epochSeconds) {
        return status(wamid, status, epochSeconds, null, null, null);
    }

    static String failed(String wamid, long epochSeconds, int code, String title, String details) {
        return status(wamid, "failed", epochSeconds, code, title, details);
    }

    private static String status(String wamid, String status, long epochSeconds, Integer code, String title, String details) {
        String errors = code == null ? "" : """
                ,"errors":[{"code":%d,"title":"%s","message":"%s","error_data":{"details":"%s"}}]""".formatted(code, title, title, details);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"16505551234"%s}]},"field":"messages"}]}]}"""
                .formatted(InboundKit.PHONE_NUMBER_ID, wamid, status, epochSeconds, errors);
    }
}
