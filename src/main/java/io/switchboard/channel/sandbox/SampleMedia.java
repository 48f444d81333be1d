package io.switchboard.channel.sandbox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Real small files for the simulated customers: a photo (PNG or JPEG drawn here), a one-page PDF and an
 * OGG/Opus voice note (a valid Ogg stream with OpusHead, OpusTags and a second of silent Opus frames), so
 * the demo inbox shows media that decoders and players really open.
 */
public final class SampleMedia {
    /** One file as a customer would send it. */
    public record Sample(String kind, String mimeType, String filename, String caption, byte[] bytes) {
    }

    private SampleMedia() {
    }

    /** A picture of a parcel with a label; {@code jpeg} false gives a PNG. */
    public static Sample photo(String label, boolean jpeg) {
        BufferedImage image = new BufferedImage(640, 480, jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0xDCEBF7), 0, 480, new Color(0xF7F1E3)));
            g.fillRect(0, 0, 640, 480);
            g.setColor(new Color(0xC8A06A));
            g.fillRoundRect(170, 150, 300, 220, 16, 16);
            g.setColor(new Color(0x8A6A3E));
            g.setStroke(new BasicStroke(6));
            g.drawRoundRect(170, 150, 300, 220, 16, 16);
            g.drawLine(170, 215, 470, 215);
            g.setColor(new Color(0xB03A2E));
            g.setStroke(new BasicStroke(10));
            g.drawLine(260, 260, 380, 330);
            g.drawLine(380, 260, 260, 330);
            g.setColor(new Color(0x333333));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
            g.drawString(label, 40, 60);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, jpeg ? "jpg" : "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Sample("image", jpeg ? "image/jpeg" : "image/png", null, label, out.toByteArray());
    }

    /** A one-page PDF invoice with {@code lines} of text. */
    public static Sample invoice(String filename, List<String> lines) {
        StringBuilder content = new StringBuilder("BT /F1 14 Tf 72 770 Td 18 TL\n");
        for (String line : lines) {
            content.append('(').append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")).append(") Tj T*\n");
        }
        content.append("ET\n");
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Length " + content.toString().getBytes(StandardCharsets.ISO_8859_1).length + " >>\nstream\n" + content + "endstream");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length);
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.toString().getBytes(StandardCharsets.ISO_8859_1).length;
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return new Sample("document", "application/pdf", filename, null, pdf.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A voice note: OGG/Opus, mono 48 kHz, {@code seconds} of silence in 20 ms frames — what WhatsApp's recorder produces. */
    public static Sample voiceNote(int seconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int serial = 0x5357_4244;
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1).putShort((short) 312).putInt(48_000).putShort((short) 0).put((byte) 0);
        page(out, serial, 0, 0, 0x02, List.of(head.array()));
        byte[] vendor = "switchboard-sandbox".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tags = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        tags.put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0);
        page(out, serial, 1, 0, 0, List.of(tags.array()));
        // TOC 0xF8: CELT-only, fullband, 20 ms, one frame; with no frame data a decoder plays it as silence.
        // One page holds at most 255 packets: five seconds, plenty for a demo.
        int frames = Math.min(255, Math.max(1, seconds) * 50);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            packets.add(new byte[] {(byte) 0xF8});
        }
        page(out, serial, 2, 312 + frames * 960L, 0x04, packets);
        return new Sample("audio", "audio/ogg; codecs=opus", null, null, out.toByteArray());
    }

    private static void page(ByteArrayOutputStream out, int serial, int sequence, long granule, int flags, List<byte[]> packets) {
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : packets) {
            int left = p.length;
            while (left >= 255) {
                segments.write(255);
                left -= 255;
            }
            segments.write(left);
            body.writeBytes(p);
        }
        ByteBuffer header = ByteBuffer.allocate(27).order(ByteOrder.LITTLE_ENDIAN);
        header.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags).putLong(granule).putInt(serial).putInt(sequence).putInt(0)
                .put((byte) segments.size());
        byte[] page = new byte[27 + segments.size() + body.size()];
        System.arraycopy(header.array(), 0, page, 0, 27);
        System.arraycopy(segments.toByteArray(), 0, page, 27, segments.size());
        System.arraycopy(body.toByteArray(), 0, page, 27 + segments.size(), body.size());
        int crc = oggCrc(page);
        page[22] = (byte) crc;
        page[23] = (byte) (crc >>> 8);
        page[24] = (byte) (crc >>> 16);
        page[25] = (byte) (crc >>> 24);
        out.writeBytes(page);
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, no reflection, initial value 0. */
    static int oggCrc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 24;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }
        return crc;
    }
}
