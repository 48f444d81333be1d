package io.switchboard.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * Streams that count rows of COPY text as they pass: in that format every row ends with a newline
 * byte and a newline inside a value is written as the two characters {@code \n}, so counting
 * 0x0A bytes counts rows. They also count bytes, and tell a listener every so many rows.
 */
final class RowStreams {
    static final int REPORT_EVERY_ROWS = 2_000;

    private RowStreams() {
    }

    static final class Out extends FilterOutputStream {
        private final LongConsumer rowsSoFar;
        long rows;
        long bytes;

        Out(OutputStream out, LongConsumer rowsSoFar) {
            super(out);
            this.rowsSoFar = rowsSoFar;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
            if (b == '\n') {
                row();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    row();
                }
            }
        }

        private void row() {
            if (++rows % REPORT_EVERY_ROWS == 0) {
                rowsSoFar.accept(rows);
            }
        }

        /** The zip entry stays open for the next table: closing is the caller's business. */
        @Override
        public void close() throws IOException {
            flush();
        }
    }

    static final class In extends FilterInputStream {
        private final LongConsumer rowsSoFar;
        long rows;

        In(InputStream in, LongConsumer rowsSoFar) {
            super(in);
            this.rowsSoFar = rowsSoFar;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b == '\n') {
                row();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    row();
                }
            }
            return n;
        }

        private void row() {
            if (++rows % REPORT_EVERY_ROWS == 0) {
                rowsSoFar.accept(rows);
            }
        }
    }
}
