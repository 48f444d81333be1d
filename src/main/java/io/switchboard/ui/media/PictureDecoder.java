package io.switchboard.ui.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes pictures for the screen, never larger than a box: the image header is read first (dimensions
 * only) so a small picture keeps its own size and a large one is scaled down while decoding, not after.
 */
final class PictureDecoder {
    private PictureDecoder() {
    }

    static Image decode(byte[] bytes, double maxWidth, double maxHeight) {
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
}
