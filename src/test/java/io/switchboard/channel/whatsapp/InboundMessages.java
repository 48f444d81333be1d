package io.switchboard.channel.whatsapp;

/** Inbound text webhooks in Meta's documented shape, for tests that need many of them. */
final class InboundMessages {
    private InboundMessages() {
    }

    static String text(String fromWaId, String name, String wamid, long epochSeconds, String body) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]},"field":"messages"}]}]}"""
                .formatted(InboundKit.PHONE_NUMBER_ID, name, fromWaId, fromWaId, wamid, epochSeconds, body);
    }
}
