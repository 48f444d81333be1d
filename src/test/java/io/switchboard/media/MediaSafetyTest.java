package io.switchboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.channel.sandbox.SampleMedia;
import io.switchboard.common.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaSafetyTest {

    @Test
    void customersFilenamesAreSanitizedAndGetTheExtensionOfTheCheckedType() {
        assertThat(SafeFilenames.forSaving("../../etc/passwd", "application/pdf", "document")).isEqualTo("passwd.pdf");
        assertThat(SafeFilenames.forSaving("C:\\Windows\\system32\\evil.pdf.exe", "application/pdf", "document")).isEqualTo("evil.pdf.pdf");
        assertThat(SafeFilenames.forSaving("invoice\u0000\u202Efdp.exe", "application/pdf", "document")).isEqualTo("invoice_fdp.pdf");
        assertThat(SafeFilenames.forSaving("CON", "text/plain", "document")).isEqualTo("document_CON.txt");
        assertThat(SafeFilenames.forSaving(null, "image/jpeg", "image")).isEqualTo("image.jpg");
        assertThat(SafeFilenames.forSaving("...", "audio/ogg; codecs=opus", "audio")).isEqualTo("audio.ogg");
        assertThat(SafeFilenames.forSaving("Relatório março.pdf", "application/pdf", "document")).isEqualTo("Relatório março.pdf");
        assertThat(SafeFilenames.forSaving("x".repeat(300), "application/zip", "document")).hasSize(104).endsWith(".bin");
    }

    @Test
    void theContentMustBeWhatTheTypeSays() {
        byte[] jpeg = SampleMedia.photo("x", true).bytes();
        byte[] png = SampleMedia.photo("x", false).bytes();
        byte[] pdf = SampleMedia.invoice("a.pdf", List.of("a")).bytes();
        byte[] ogg = SampleMedia.voiceNote(1).bytes();
        assertThat(ContentSniffer.consistent("image/jpeg", jpeg)).isTrue();
        assertThat(ContentSniffer.consistent("image/png", png)).isTrue();
        assertThat(ContentSniffer.consistent("image/jpeg", png)).isFalse();
        assertThat(ContentSniffer.consistent("application/pdf", pdf)).isTrue();
        assertThat(ContentSniffer.consistent("audio/ogg; codecs=opus", ogg)).isTrue();
        assertThat(ContentSniffer.consistent("image/jpeg", "<html><script>".getBytes())).isFalse();
        assertThat(ContentSniffer.consistent("text/plain", "plain words".getBytes())).isTrue();
        assertThat(ContentSniffer.consistent("text/plain", new byte[] {'M', 'Z', 0, 1})).isFalse();
        assertThat(ContentSniffer.consistent("application/pdf", new byte[] {0x7F, 'E', 'L', 'F'})).isFalse();
    }

    @Test
    void eachKindHasMetasLimitAndTypes() {
        assertThat(MediaKind.IMAGE.maxBytes()).isEqualTo(5L << 20);
        assertThat(MediaKind.DOCUMENT.maxBytes()).isEqualTo(100L << 20);
        assertThat(MediaKind.AUDIO.maxBytes()).isEqualTo(16L << 20);
        assertThat(MediaKind.VIDEO.maxBytes()).isEqualTo(16L << 20);
        assertThat(MediaKind.STICKER.maxBytes(false)).isEqualTo(100L << 10);
        assertThat(MediaKind.STICKER.maxBytes(true)).isEqualTo(500L << 10);
        assertThat(MediaKind.forOutgoing("audio/ogg; codecs=opus")).isEqualTo(MediaKind.AUDIO);
        assertThat(MediaKind.forOutgoing("image/webp")).isEqualTo(MediaKind.STICKER);
        assertThatThrownBy(() -> MediaKind.forOutgoing("image/gif")).isInstanceOf(ValidationException.class).hasMessageContaining("cannot send image/gif");
        assertThatThrownBy(() -> MediaKind.VIDEO.requireSize((16L << 20) + 1, "file")).hasMessage("file: is 16777217 bytes; WhatsApp takes video files up to 16777216 bytes");
        assertThatThrownBy(() -> MediaKind.DOCUMENT.requireSize(0, "file")).hasMessage("file: is empty");
    }

    @Test
    void theSampleVoiceNoteIsAValidOggStream() {
        byte[] ogg = SampleMedia.voiceNote(2).bytes();
        // Every page's CRC (bytes 22-25, computed with the field zeroed) must match, or players reject the file.
        int offset = 0;
        int pages = 0;
        while (offset < ogg.length) {
            int segments = ogg[offset + 26] & 0xFF;
            int length = 27 + segments;
            for (int i = 0; i < segments; i++) {
                length += ogg[offset + 27 + i] & 0xFF;
            }
            byte[] page = java.util.Arrays.copyOfRange(ogg, offset, offset + length);
            int stored = (page[22] & 0xFF) | (page[23] & 0xFF) << 8 | (page[24] & 0xFF) << 16 | (page[25] & 0xFF) << 24;
            page[22] = page[23] = page[24] = page[25] = 0;
            assertThat(io.switchboard.channel.sandbox.SampleMediaCrc.of(page)).isEqualTo(stored);
            offset += length;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(new String(ogg, 28, 8)).isEqualTo("OpusHead");
    }
}
