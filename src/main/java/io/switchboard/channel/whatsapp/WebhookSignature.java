package io.switchboard.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Meta's X-Hub-Signature-256: "sha256=" + hex(HMAC-SHA256(app secret, raw body)). */
public final class WebhookSignature {
    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static String sign(String appSecret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    /** Constant-time comparison of the header against the expected HMAC; false for a missing or malformed header. */
    public static boolean verify(String appSecret, byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(appSecret, body), given);
    }

    /** A thread's last Mac with the secret it was keyed with: looking up the provider and keying cost more than hashing a status body. */
    private record KeyedMac(String secret, Mac mac) {
    }

    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    private static byte[] hmac(String secret, byte[] body) {
        KeyedMac keyed = MACS.get();
        if (keyed == null || !keyed.secret().equals(secret)) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                keyed = new KeyedMac(secret, mac);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
            MACS.set(keyed);
        }
        return keyed.mac().doFinal(body); // doFinal leaves the Mac reset and keyed for the next body
    }
}
