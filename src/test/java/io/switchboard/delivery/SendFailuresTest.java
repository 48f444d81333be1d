package io.switchboard.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.channel.whatsapp.CloudApiResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendFailuresTest {

    private static SendFailure rejected(int http, Integer code, String message, String details) {
        return SendFailures.classify(new CloudApiResponse.Rejected(http, code, message, details));
    }

    @Test
    void metaCodesDecideOverTheHttpStatus() {
        assertThat(rejected(400, 131056, "(#131056) Pair rate limit hit", null).retryable()).isTrue();
        assertThat(rejected(400, 130429, "(#130429) Rate limit hit", null).retryable()).isTrue();
        assertThat(rejected(500, 131000, "(#131000) Something went wrong", null).retryable()).isTrue();
        assertThat(rejected(503, 131016, "(#131016) Service unavailable", null).retryable()).isTrue();
        assertThat(rejected(500, 190, "Invalid OAuth access token", null).retryable()).as("a known permanent code, even under a 5xx").isFalse();
        assertThat(rejected(400, 132001, "(#132001) Template name does not exist in the translation", null).retryable()).isFalse();
    }

    @Test
    void withoutACodeTheHttpStatusDecides() {
        assertThat(rejected(502, null, null, null)).satisfies(f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.code()).isEqualTo("http_502");
            assertThat(f.detail()).contains("HTTP 502");
        });
        assertThat(rejected(429, null, null, null).retryable()).isTrue();
        assertThat(rejected(404, null, null, null).retryable()).isFalse();
    }

    @Test
    void unknownCodesKeepMetasTitleAndDetails() {
        SendFailure f = rejected(400, 135000, "(#135000) Generic user error", "Something about the request");
        assertThat(f.retryable()).isFalse();
        assertThat(f.code()).isEqualTo("135000");
        assertThat(f.title()).isEqualTo("Generic user error");
        assertThat(f.detail()).contains("Generic user error").endsWith("Meta says: Something about the request");
        assertThat(rejected(503, 135001, "(#135001) Whatever", null).retryable()).as("unknown code under a 5xx").isTrue();
    }

    @Test
    void permissionCodesShareOneExplanation() {
        assertThat(rejected(403, 200, "(#200) Permissions error", null).detail()).contains("whatsapp_business_messaging");
        assertThat(rejected(403, 10, "(#10) Application does not have permission", null).detail()).contains("whatsapp_business_messaging");
    }

    @Test
    void noAnswerIsRetryable() {
        SendFailure f = SendFailures.classify(new CloudApiResponse.Unreachable("HttpTimeoutException: request timed out"));
        assertThat(f.retryable()).isTrue();
        assertThat(f.code()).isEqualTo("unreachable");
        assertThat(f.detail()).contains("timed out");
    }

    @Test
    void backoffGrowsWithJitterUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayAfter(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(policy.delayAfter(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
            assertThat(policy.delayAfter(10)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
            assertThat(policy.delayAfter(200)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        }
        assertThat(policy.exhausted(5)).isFalse();
        assertThat(policy.exhausted(6)).isTrue();
    }
}
