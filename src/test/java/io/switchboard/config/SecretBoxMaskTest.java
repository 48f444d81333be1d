package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A mask shows at most a secret's last 4 characters, and nothing of one shorter than 12. */
class SecretBoxMaskTest {
    @Test
    void aLongSecretShowsItsLastFourCharactersOnly() {
        assertThat(SecretBox.mask("EAAGm0PX4ZCpsBAKZAlongaccesstoken9f2c")).isEqualTo("••••9f2c");
        assertThat(SecretBox.mask("123456789012")).as("exactly 12").isEqualTo("••••9012");
    }

    @Test
    void aSecretShorterThanTwelveCharactersShowsNothingNotEvenItsLength() {
        assertThat(SecretBox.mask("12345678901")).isEqualTo("••••••••");
        assertThat(SecretBox.mask("abc")).isEqualTo("••••••••");
        assertThat(SecretBox.mask("verify-me-please-x").substring(0, 4)).isEqualTo("••••");
    }

    @Test
    void noMaskEverShowsTheSecretsFirstCharacters() {
        for (int length = 1; length <= 64; length++) {
            String secret = "S".repeat(length - 1) + "t";
            String masked = SecretBox.mask(secret);
            assertThat(masked.replace("•", "").length()).as("visible characters of a %d-character secret", length)
                    .isEqualTo(length < 12 ? 0 : 4);
        }
        assertThat(SecretBox.mask("")).isEmpty();
        assertThat(SecretBox.mask(null)).isEmpty();
    }
}
