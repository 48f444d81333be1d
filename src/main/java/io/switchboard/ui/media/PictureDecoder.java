package io.switchboard.ui.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes pictures for the screen, never larger than a box: the image header is read first (dimensions
 * only) so a small picture keeps its own size and a large one is scaled down while decoding, not after.
 * JPEG and PNG go through JavaFX's own decoder. WebP (WhatsApp's stickers), which JavaFX cannot read, goes
 * through ImageIO (the TwelveMonkeys plugin): read subsampled towards the box, averaged down to it exactly,
 * and copied into a {@link WritableImage} — so a WebP thumbnail weighs what any other thumbnail of its box
 * weighs in the cache. An animated WebP shows its first frame.
 */
final class PictureDecoder {
    private PictureDecoder() {
    }

    static Image decode(byte[] bytes, double maxWidth, double maxHeight) {
        if (isWebp(bytes)) {
            return decodeWebp(bytes, (int) maxWidth, (int) maxHeight);
        }
        double[] size = dimensions(bytes);
        double w = maxWidth;
        double h = maxHeight;
        if (size != null && size[0] <= maxWidth && size[1] <= maxHeight) {
            w = 0;
            h = 0;
        }
        Image image = new Image(new ByteArrayInputStream(bytes), w, h, true, true);
        if (image.isError()) {
            throw new IllegalArgumentException("the picture cannot be decoded" + (image.getException() == null ? "" : ": " + image.getException().getMessage()));
        }
        return image;
    }

    /** Width and height from the header, or null when no reader knows the format. */
    static double[] dimensions(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new double[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The RIFF container with the WEBP form type: the same signature the content sniffer accepts on arrival. */
    static boolean isWebp(byte[] bytes) {
        return bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P';
    }

    private static Image decodeWebp(byte[] bytes, int maxWidth, int maxHeight) {
        BufferedImage decoded;
        int width;
        int height;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = webpReader(in);
            try {
                reader.setInput(in, true, true);
                int sourceWidth = reader.getWidth(0);
                int sourceHeight = reader.getHeight(0);
                double scale = Math.min(1, Math.min((double) maxWidth / sourceWidth, (double) maxHeight / sourceHeight));
                width = Math.max(1, (int) Math.round(sourceWidth * scale));
                height = Math.max(1, (int) Math.round(sourceHeight * scale));
                // Subsampling keeps at least the box's pixels, so the averaging below still has every target pixel covered.
                int step = Math.max(1, Math.min(sourceWidth / width, sourceHeight / height));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                decoded = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the WebP picture cannot be decoded: " + e.getMessage(), e);
        }
        int[] argb = decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
        int[] scaled = averageDown(argb, decoded.getWidth(), decoded.getHeight(), width, height);
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), scaled, 0, width);
        return image;
    }

    private static ImageReader webpReader(ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            for (String name : reader.getOriginatingProvider().getFormatNames()) {
                if (name.toLowerCase(Locale.ROOT).equals("webp")) {
                    return reader;
                }
            }
            reader.dispose();
        }
        throw new IOException("no ImageIO reader for WebP is installed");
    }

    /**
     * Box filter: each target pixel is the mean of the source pixels it covers, weighted by their alpha so the
     * colour of a sticker's transparent surroundings does not bleed into its edges. Same size: copied as is.
     */
    static int[] averageDown(int[] src, int sw, int sh, int tw, int th) {
        if (sw == tw && sh == th) {
            return src;
        }
        int[] out = new int[tw * th];
        for (int ty = 0; ty < th; ty++) {
            int y0 = ty * sh / th;
            int y1 = Math.max(y0 + 1, (ty + 1) * sh / th);
            for (int tx = 0; tx < tw; tx++) {
                int x0 = tx * sw / tw;
                int x1 = Math.max(x0 + 1, (tx + 1) * sw / tw);
                long a = 0;
                long r = 0;
                long g = 0;
                long b = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int p = src[y * sw + x];
                        int pa = p >>> 24;
                        a += pa;
                        r += (long) ((p >> 16) & 0xff) * pa;
                        g += (long) ((p >> 8) & 0xff) * pa;
                        b += (long) (p & 0xff) * pa;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                out[ty * tw + tx] = a == 0 ? 0
                        : (int) ((a + n / 2) / n) << 24 | (int) ((r + a / 2) / a) << 16 | (int) ((g + a / 2) / a) << 8 | (int) ((b + a / 2) / a);
            }
        }
        return out;
    }
}
