package io.switchboard.delivery;

import io.switchboard.channel.whatsapp.CloudApiResponse;
import java.util.Map;
import java.util.Set;

/**
 * Sorts Cloud API failures into "try again later" and "will never work", and says each in a sentence
 * an agent understands. Meta recommends deciding on error.code, not on the HTTP status or the title.
 */
public final class SendFailures {
    /** Throughput and transient server errors: the same request can succeed later. */
    static final Set<Integer> RETRYABLE_CODES = Set.of(1, 2, 4, 80007, 130429, 131000, 131016, 131056, 133004);

    private record Known(String title, String sentence) {
    }

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            Map.entry(0, new Known("Authentication failed", "Meta could not authenticate the access token; reconnect the WhatsApp account with a new token.")),
            Map.entry(1, new Known("API unknown error", "Meta reported an unknown error.")),
            Map.entry(2, new Known("API service unavailable", "Meta's service is temporarily unavailable.")),
            Map.entry(3, new Known("Capability or permission missing", "The app lacks a capability or permission needed to send; check the app's permissions in Meta's dashboard.")),
            Map.entry(4, new Known("Too many API calls", "The app reached its API call limit.")),
            Map.entry(10, new Known("Permission denied", "The access token lacks the whatsapp_business_messaging permission; reconnect with a token that has it.")),
            Map.entry(100, new Known("Invalid parameter", "Meta rejected a parameter of this message.")),
            Map.entry(190, new Known("Access token expired or invalid", "The WhatsApp access token has expired or is invalid; reconnect the account with a new token.")),
            Map.entry(368, new Known("Temporarily blocked for policy violations", "The WhatsApp Business Account is temporarily blocked for policy violations; nothing can be sent until Meta lifts it.")),
            Map.entry(80007, new Known("Rate limit issues", "The WhatsApp Business Account reached its rate limit.")),
            Map.entry(130429, new Known("Rate limit hit", "The number's throughput limit was reached.")),
            Map.entry(131000, new Known("Something went wrong", "Meta could not send the message for an unknown reason.")),
            Map.entry(131005, new Known("Access denied", "Meta denied access for this token; check the app's permissions.")),
            Map.entry(131008, new Known("Required parameter is missing", "The message is missing a required part.")),
            Map.entry(131009, new Known("Parameter value is not valid", "A value in the message is not valid.")),
            Map.entry(131016, new Known("Service unavailable", "WhatsApp is temporarily unavailable.")),
            Map.entry(131021, new Known("Recipient cannot be sender", "The recipient is the sending number itself.")),
            Map.entry(131026, new Known("Message undeliverable", "WhatsApp could not deliver this message: the number may not use WhatsApp, may have blocked you, or runs an outdated WhatsApp.")),
            Map.entry(131030, new Known("Recipient not in allowed list", "This test number may only message the recipients added to its allowed list in Meta's developer dashboard.")),
            Map.entry(131031, new Known("Account has been locked", "The WhatsApp Business Account is locked; see WhatsApp Manager.")),
            Map.entry(131042, new Known("Business eligibility payment issue", "There is a problem with the account's payment method; fix billing in WhatsApp Manager.")),
            Map.entry(131045, new Known("Incorrect certificate", "The sending number is not registered correctly; re-register it in WhatsApp Manager.")),
            Map.entry(131047, new Known("Re-engagement message", "More than 24 hours have passed since the customer last wrote; only an approved template can be sent until they write again.")),
            Map.entry(131048, new Known("Spam rate limit hit", "Too many of this number's messages were blocked or reported as spam; sending is restricted. Check the quality rating.")),
            Map.entry(131049, new Known("Not delivered to maintain healthy ecosystem engagement", "Meta chose not to deliver this marketing message to keep engagement healthy; try later or another way.")),
            Map.entry(131051, new Known("Unsupported message type", "WhatsApp does not support this type of message.")),
            Map.entry(131052, new Known("Media download error", "WhatsApp could not download the attached file; check that the link is public and reachable.")),
            Map.entry(131053, new Known("Media upload error", "WhatsApp could not process the attached file; check its type and size.")),
            Map.entry(131056, new Known("Pair rate limit hit", "Too many messages went to this customer in a short time.")),
            Map.entry(132000, new Known("Template parameter count mismatch", "The number of parameters does not match the template's placeholders.")),
            Map.entry(132001, new Known("Template does not exist", "The template does not exist in this language, or is not approved yet.")),
            Map.entry(132005, new Known("Template hydrated text too long", "The template with its parameters filled in is too long.")),
            Map.entry(132007, new Known("Template format character policy violated", "A template parameter breaks WhatsApp's formatting rules.")),
            Map.entry(132012, new Known("Template parameter format mismatch", "A template parameter has the wrong format.")),
            Map.entry(132015, new Known("Template is paused", "The template is paused because of low quality; edit it or use another.")),
            Map.entry(132016, new Known("Template is disabled", "The template has been disabled for low quality; use another.")),
            Map.entry(133004, new Known("Server temporarily unavailable", "WhatsApp's server is temporarily unavailable.")),
            Map.entry(133010, new Known("Phone number not registered", "The sending number is not registered on the Cloud API.")));

    private SendFailures() {
    }

    /** Meta's title and our sentence for an error code we know (a stored messages.error_code), for reports. */
    public record Explanation(String title, String sentence) {
    }

    public static java.util.Optional<Explanation> explain(String code) {
        if (code == null || !code.matches("[0-9]{1,9}")) {
            return java.util.Optional.empty();
        }
        int n = Integer.parseInt(code);
        Known known = KNOWN.get(n >= 200 && n <= 299 ? 10 : n);
        return known == null ? java.util.Optional.empty() : java.util.Optional.of(new Explanation(known.title(), known.sentence()));
    }

    static SendFailure classify(CloudApiResponse response) {
        if (response instanceof CloudApiResponse.Unreachable unreachable) {
            return new SendFailure(true, "unreachable", "No answer from the Cloud API",
                    "The WhatsApp API did not answer (" + unreachable.reason() + ").");
        }
        CloudApiResponse.Rejected rejected = (CloudApiResponse.Rejected) response;
        Integer code = rejected.code();
        boolean retryable = code != null
                ? RETRYABLE_CODES.contains(code) || (!KNOWN.containsKey(code) && (rejected.httpStatus() >= 500 || rejected.httpStatus() == 429))
                : rejected.httpStatus() >= 500 || rejected.httpStatus() == 429 || rejected.httpStatus() == 408;
        Known known = code == null ? null : KNOWN.get(code >= 200 && code <= 299 ? 10 : code);
        String title = known != null ? known.title() : titleFrom(rejected);
        String sentence = known != null ? known.sentence() : fallbackSentence(rejected);
        if (rejected.details() != null && !rejected.details().isBlank()) {
            sentence = sentence + " Meta says: " + rejected.details();
        }
        return new SendFailure(retryable, code != null ? String.valueOf(code) : "http_" + rejected.httpStatus(), title, sentence);
    }

    private static String titleFrom(CloudApiResponse.Rejected rejected) {
        String message = rejected.message();
        if (message == null || message.isBlank()) {
            return "HTTP " + rejected.httpStatus();
        }
        // Meta's message reads "(#131026) Message Undeliverable"; the title is what follows the code.
        return message.replaceFirst("^\\(#\\d+\\)\\s*", "");
    }

    private static String fallbackSentence(CloudApiResponse.Rejected rejected) {
        return rejected.message() != null ? "Meta refused the message: " + rejected.message() + "."
                : "The WhatsApp API answered HTTP " + rejected.httpStatus() + ".";
    }
}
