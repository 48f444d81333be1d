package io.switchboard.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channel.whatsapp.CloudApiClient;
import io.switchboard.channel.whatsapp.CloudApiResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloudApiSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUMBER_ID = "109876543210987";
    private static final String TOKEN = "EAAsandboxtoken123456";
    private static final String SECRET = "the-app-secret";
    private final WebhookCatcher catcher = new WebhookCatcher();
    private final CloudApiSandbox sandbox = CloudApiSandbox.start(SandboxOptions.fast());
    private final CloudApiClient client = new CloudApiClient();

    CloudApiSandboxTest() {
        sandbox.register(new SandboxNumber(NUMBER_ID, "+15550100001", "Test Shop", "waba-7", TOKEN, SECRET, catcher.url()));
    }

    @AfterEach
    void close() {
        sandbox.close();
        catcher.close();
    }

    private static byte[] text(String to, String body) {
        return ("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + to
                + "\",\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"" + body + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/" + NUMBER_ID + "/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void acceptsASendLikeMetaAndPostsSignedSentDeliveredReadWebhooks() throws Exception {
        CloudApiResponse response = client.sendMessage(sandbox.baseUrl(), NUMBER_ID, TOKEN, text("4915112345678", "Hi")).get();
        assertThat(response).isInstanceOf(CloudApiResponse.Accepted.class);
        String wamid = ((CloudApiResponse.Accepted) response).wamid();
        assertThat(wamid).startsWith("wamid.");

        List<WebhookCatcher.Caught> statuses = catcher.await(c -> c.value().has("statuses"), 3, Duration.ofSeconds(5));

        assertThat(statuses).hasSize(3);
        assertThat(statuses).allSatisfy(c -> {
            assertThat(c.signedWith(SECRET)).isTrue();
            assertThat(c.signedWith("another-secret")).isFalse();
            JsonNode root = c.json();
            assertThat(root.path("object").asText()).isEqualTo("whatsapp_business_account");
            assertThat(root.path("entry").path(0).path("id").asText()).isEqualTo("waba-7");
            assertThat(root.path("entry").path(0).path("changes").path(0).path("field").asText()).isEqualTo("messages");
            JsonNode value = c.value();
            assertThat(value.path("messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(NUMBER_ID);
            assertThat(value.path("metadata").path("display_phone_number").asText()).isEqualTo("15550100001");
            JsonNode status = value.path("statuses").path(0);
            assertThat(status.path("id").asText()).isEqualTo(wamid);
            assertThat(status.path("recipient_id").asText()).isEqualTo("4915112345678");
            assertThat(status.path("timestamp").asText()).matches("\\d{10}");
        });
        assertThat(statuses).extracting(c -> c.value().path("statuses").path(0).path("status").asText())
                .containsExactlyInAnyOrder("sent", "delivered", "read");
    }

    @Test
    void anUndeliverableNumberGetsAFailedStatusWith131026() throws Exception {
        client.sendMessage(sandbox.baseUrl(), NUMBER_ID, TOKEN, text("4915112340000", "Hi")).get();

        List<WebhookCatcher.Caught> statuses = catcher.await(c -> c.value().has("statuses"), 1, Duration.ofSeconds(5));
        Thread.sleep(200);

        assertThat(catcher.caught()).hasSize(1);
        JsonNode status = statuses.get(0).value().path("statuses").path(0);
        assertThat(status.path("status").asText()).isEqualTo("failed");
        assertThat(status.path("errors").path(0).path("code").asInt()).isEqualTo(131026);
        assertThat(status.path("errors").path(0).path("title").asText()).isEqualTo("Message undeliverable");
        assertThat(statuses.get(0).signedWith(SECRET)).isTrue();
    }

    @Test
    void refusesAWrongOrMissingTokenWith190() throws Exception {
        for (String token : new String[] {"EAAwrong", null}) {
            HttpResponse<String> r = post(token, new String(text("4915112345678", "Hi"), StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(401);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asInt()).isEqualTo(190);
            assertThat(error.path("type").asText()).isEqualTo("OAuthException");
            assertThat(error.path("fbtrace_id").asText()).isNotBlank();
        }
        assertThat(sandbox.acceptedCount()).isZero();
        assertThat(catcher.caught()).isEmpty();
    }

    @Test
    void refusesMalformedRequestsWithMetasErrorJson() throws Exception {
        record Case(String body, int code, String detail) {
        }
        List<Case> cases = List.of(
                new Case("not json", 100, "JSON object"),
                new Case("{\"to\":\"4915112345678\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}", 100, "messaging_product"),
                new Case("{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}", 131008, "to is required"),
                new Case("{\"messaging_product\":\"whatsapp\",\"to\":\"4915112345678\",\"type\":\"text\",\"text\":{}}", 131008, "text.body"),
                new Case("{\"messaging_product\":\"whatsapp\",\"to\":\"4915112345678\",\"type\":\"hologram\",\"hologram\":{}}", 131051, "hologram"),
                new Case("{\"messaging_product\":\"whatsapp\",\"to\":\"4915112345678\",\"type\":\"image\",\"image\":{\"link\":\"https://x/a.jpg\",\"id\":\"1\"}}", 100, "exactly one"),
                new Case("{\"messaging_product\":\"whatsapp\",\"to\":\"4915112345678\",\"type\":\"template\",\"template\":{\"name\":\"x\"}}", 131008, "language"));
        for (Case c : cases) {
            HttpResponse<String> r = post(TOKEN, c.body());
            assertThat(r.statusCode()).as(c.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asInt()).as(c.body()).isEqualTo(c.code());
            assertThat(error.path("message").asText()).startsWith("(#" + c.code() + ")");
            assertThat(error.path("error_data").path("details").asText()).contains(c.detail());
        }
        assertThat(sandbox.acceptedCount()).isZero();
    }

    @Test
    void anUnknownPhoneNumberIdIsAnUnknownObject() throws Exception {
        CloudApiResponse r = client.sendMessage(sandbox.baseUrl(), "999", TOKEN, text("4915112345678", "Hi")).get();

        assertThat(r).isInstanceOfSatisfying(CloudApiResponse.Rejected.class, rejected -> {
            assertThat(rejected.httpStatus()).isEqualTo(400);
            assertThat(rejected.code()).isEqualTo(100);
            assertThat(rejected.message()).contains("Object with ID '999' does not exist");
        });
    }

    @Test
    void answersTheNumbersProfileForTestConnection() {
        CloudApiClient.PhoneNumberInfo info = client.phoneNumberInfo(sandbox.baseUrl(), NUMBER_ID, TOKEN);
        assertThat(info.ok()).isTrue();
        assertThat(info.displayPhoneNumber()).isEqualTo("+15550100001");
        assertThat(info.verifiedName()).isEqualTo("Test Shop");
        assertThat(info.summary()).contains("Connected");

        CloudApiClient.PhoneNumberInfo refused = client.phoneNumberInfo(sandbox.baseUrl(), NUMBER_ID, "EAAwrong");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.summary()).contains("190").doesNotContain("EAAwrong");
    }

    @Test
    void simulatedCustomersWriteFirstAndAnswerTheAgent() throws Exception {
        List<SimulatedCustomers.Customer> two = SimulatedCustomers.DEFAULT.subList(0, 2);
        try (SimulatedCustomers customers = new SimulatedCustomers(sandbox, NUMBER_ID, two)) {
            customers.start(Duration.ofMillis(10), Duration.ofMillis(10));
            List<WebhookCatcher.Caught> openers = catcher.await(c -> c.value().has("messages"), 2, Duration.ofSeconds(5));
            assertThat(openers).hasSize(2).allSatisfy(c -> {
                assertThat(c.signedWith(SECRET)).isTrue();
                JsonNode value = c.value();
                JsonNode message = value.path("messages").path(0);
                assertThat(message.path("type").asText()).isEqualTo("text");
                assertThat(message.path("text").path("body").asText()).isNotBlank();
                assertThat(message.path("id").asText()).startsWith("wamid.");
                assertThat(message.path("from").asText()).isEqualTo(value.path("contacts").path(0).path("wa_id").asText());
                assertThat(value.path("contacts").path(0).path("profile").path("name").asText()).isIn("Ana Souza", "James Whitfield");
            });

            CloudApiResponse sent = client.sendMessage(sandbox.baseUrl(), NUMBER_ID, TOKEN, text(two.get(0).waId(), "Yes, it ships today")).get();
            String wamid = ((CloudApiResponse.Accepted) sent).wamid();

            List<WebhookCatcher.Caught> answers = catcher.await(c -> c.value().path("messages").path(0).path("context").path("id").asText().equals(wamid),
                    1, Duration.ofSeconds(5));
            assertThat(answers).hasSize(1);
            JsonNode answer = answers.get(0).value().path("messages").path(0);
            assertThat(answer.path("from").asText()).isEqualTo(two.get(0).waId());
            assertThat(answer.path("text").path("body").asText()).isEqualTo(two.get(0).replies().get(0));
        }
    }
}
