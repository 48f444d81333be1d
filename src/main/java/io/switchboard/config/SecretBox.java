package io.switchboard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts channel secrets (access tokens, app secrets, verify tokens) at rest with AES-GCM.
 * The key lives outside the database: SWITCHBOARD_SECRET_KEY, else a key file created once in
 * the data folder, so a database dump alone reveals no secret.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new ConfigurationException("SWITCHBOARD_SECRET_KEY must decode to 16, 24 or 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** The key from SWITCHBOARD_SECRET_KEY, or from {@code secret.key} in the data folder (created on first use). */
    public static SecretBox fromSettings(Settings settings) {
        var explicit = settings.explicit(Variable.SWITCHBOARD_SECRET_KEY);
        if (explicit.isPresent()) {
            try {
                return new SecretBox(Base64.getDecoder().decode(explicit.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("SWITCHBOARD_SECRET_KEY must be base64 (e.g. from `openssl rand -base64 32`)");
            }
        }
        return fromKeyFile(settings.dataFolder().resolve("secret.key"));
    }

    public static SecretBox fromKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                OwnerOnly.folder(file.getParent());
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                // 0600 from its first byte on: never readable by another account, not even for a moment.
                OwnerOnly.write(file, Base64.getEncoder().encodeToString(fresh));
            }
            return new SecretBox(Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("Cannot use the secret key file " + file + ": " + e.getMessage()
                    + ". Fix or remove it (secrets encrypted with it are then lost), or set SWITCHBOARD_SECRET_KEY.", e);
        }
    }

    public String encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new ConfigurationException("A stored channel secret is not in the expected format; reconnect the WhatsApp account.");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("A stored channel secret cannot be decrypted with this key (was SWITCHBOARD_SECRET_KEY or the data folder's secret.key changed?). Reconnect the WhatsApp account.", e);
        }
    }

    /** Shorter secrets show nothing of themselves: 4 of 11 characters would leave too few to guess. */
    static final int SHORTEST_WITH_A_VISIBLE_TAIL = 12;
    static final String HIDDEN = "••••••••";

    /**
     * "••••9f2c" — the last 4 characters only, enough to recognise a secret, never enough to use
     * it; a secret shorter than 12 characters shows as "••••••••", not even its length.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < SHORTEST_WITH_A_VISIBLE_TAIL) {
            return HIDDEN;
        }
        return "••••" + secret.substring(secret.length() - 4);
    }
}
