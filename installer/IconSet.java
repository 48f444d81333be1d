import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns installer/icon.png into the icons each installer wants: hicolor PNGs for Linux menus,
 * an .ico for Windows and an .icns for macOS. Needs only the JDK (no ImageMagick), so any
 * machine that builds the app can regenerate them:
 *   java installer/IconSet.java installer/icon.png installer/icons
 * Sizes stop at the source's size: an upscaled icon is a blurry icon.
 */
public class IconSet {
    static final int[] HICOLOR = {16, 22, 24, 32, 48, 64, 128, 256};
    static final int[] ICO = {16, 24, 32, 48, 64, 128, 256};

    public static void main(String[] args) throws IOException {
        BufferedImage source = ImageIO.read(Path.of(args[0]).toFile());
        Path out = Path.of(args[1]);
        Map<Integer, byte[]> png = new LinkedHashMap<>();
        for (int size : HICOLOR) {
            if (size <= source.getWidth()) {
                png.put(size, encode(scale(source, size)));
                Path file = out.resolve("hicolor").resolve(size + "x" + size).resolve("switchboard.png");
                Files.createDirectories(file.getParent());
                Files.write(file, png.get(size));
            }
        }
        Files.write(out.resolve("switchboard.ico"), ico(source));
        Files.write(out.resolve("switchboard.icns"), icns(source));
    }

    static BufferedImage scale(BufferedImage source, int size) {
        // Halving steps keep small sizes sharp; one bicubic jump from 256 to 16 would alias.
        BufferedImage current = source;
        int w = source.getWidth();
        do {
            w = Math.max(size, w / 2);
            BufferedImage next = new BufferedImage(w, w, BufferedImage.TYPE_INT_ARGB);
            var g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(current, 0, 0, w, w, null);
            g.dispose();
            current = next;
        } while (w > size);
        return current;
    }

    static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG-compressed entries (Windows Vista and later read them at every size). */
    static byte[] ico(BufferedImage source) throws IOException {
        Map<Integer, byte[]> entries = new LinkedHashMap<>();
        for (int size : ICO) {
            if (size <= source.getWidth()) {
                entries.put(size, encode(scale(source, size)));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.short16(0);
        out.short16(1);
        out.short16(entries.size());
        int offset = 6 + 16 * entries.size();
        for (var e : entries.entrySet()) {
            bytes.write(e.getKey() >= 256 ? 0 : e.getKey());
            bytes.write(e.getKey() >= 256 ? 0 : e.getKey());
            bytes.write(0);
            bytes.write(0);
            out.short16(1);
            out.short16(32);
            out.int32(e.getValue().length);
            out.int32(offset);
            offset += e.getValue().length;
        }
        for (byte[] data : entries.values()) {
            bytes.write(data);
        }
        return bytes.toByteArray();
    }

    /** ICNS with PNG entries: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256 (macOS 10.7 and later). */
    static byte[] icns(BufferedImage source) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (var t : types.entrySet()) {
            if (t.getValue() <= source.getWidth()) {
                byte[] data = encode(scale(source, t.getValue()));
                out.writeBytes(t.getKey());
                out.writeInt(8 + data.length);
                out.write(data);
            }
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(file);
        header.writeBytes("icns");
        header.writeInt(8 + body.size());
        header.write(body.toByteArray());
        return file.toByteArray();
    }

    record LittleEndian(ByteArrayOutputStream bytes) {
        void short16(int v) {
            bytes.write(v & 0xff);
            bytes.write((v >> 8) & 0xff);
        }

        void int32(int v) {
            short16(v & 0xffff);
            short16((v >>> 16) & 0xffff);
        }
    }
}
